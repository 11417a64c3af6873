/**
 * Scoring speed of BLEU, chrF and ROUGE-L over 10,000 synthetic sentence
 * pairs (deterministic generator): per-sample statistics plus the corpus
 * aggregate, no bootstrap. One warm-up run, then 5 timed runs; reports the
 * median. Target (issue 2): under one second each. A last row times the
 * 1000-resample bootstrap of the BLEU statistics.
 *
 * @module
 */
import { bootstrapIntervals, toMatrix } from "../src/metrics/bootstrap.ts";
import { createMetric } from "../src/metrics/mod.ts";
import { mulberry32 } from "../src/core/prng.ts";
import type { Metric } from "../src/core/metric.ts";

const PAIRS = 10_000;
const REPS = 5;
const TARGET_MS = 1000;

/** Deterministic pairs: a reference of 8-30 words and a hypothesis that edits ~30% of them. */
export function syntheticPairs(n: number, seed = 2024): { hyps: string[]; refs: string[][] } {
  const rand = mulberry32(seed);
  const rng = { nextInt: (n: number): number => Math.floor(rand() * n) };
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const vocab = Array.from({ length: 3000 }, () => {
    const len = 2 + rng.nextInt(8);
    let w = "";
    for (let i = 0; i < len; i++) w += letters[rng.nextInt(26)];
    return w;
  });
  const pick = () => vocab[Math.min(rng.nextInt(3000), rng.nextInt(3000))] as string;
  const hyps: string[] = [];
  const refs: string[][] = [];
  for (let i = 0; i < n; i++) {
    const ref = Array.from({ length: 8 + rng.nextInt(23) }, pick);
    const hyp = ref.flatMap((w) => {
      const r = rng.nextInt(10);
      return r < 1 ? [] : r < 2 ? [w, pick()] : r < 3 ? [pick()] : [w];
    });
    refs.push([ref.join(" ") + "."]);
    hyps.push(hyp.join(" ") + ".");
  }
  return { hyps, refs };
}

function scoreAll(metric: Metric, hyps: readonly string[], refs: readonly string[][]): number[][] {
  const rows = hyps.map((h, i) => metric.stats(h, refs[i] as string[]));
  const sums = new Array<number>(rows[0]?.length ?? 0).fill(0);
  for (const row of rows) row.forEach((v, k) => (sums[k] = (sums[k] as number) + v));
  metric.aggregate(sums, rows.length);
  return rows;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function time(fn: () => void): number[] {
  fn();
  const out: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Runs the benchmark and prints a markdown table. */
export default function metricsBench(): Promise<void> {
  const { hyps, refs } = syntheticPairs(PAIRS);
  const cases: [string, Metric][] = [
    ["bleu", createMetric("bleu")],
    ["chrf", createMetric("chrf")],
    ["rouge (rougeL only)", createMetric("rouge", { rougeTypes: "rougeL" })],
    ["rouge (all four types)", createMetric("rouge")],
  ];
  console.log(
    `${PAIRS} synthetic pairs (8-30 words), 1 warm-up + ${REPS} runs, median; target < ${TARGET_MS} ms\n`,
  );
  console.log("| metric | median ms | min ms | max ms | pairs/s | < 1 s |");
  console.log("|---|---:|---:|---:|---:|:---:|");
  let bleuRows: number[][] = [];
  for (const [label, metric] of cases) {
    const ms = time(() => {
      const rows = scoreAll(metric, hyps, refs);
      if (label === "bleu") bleuRows = rows;
    });
    const med = median(ms);
    console.log(
      `| ${label} | ${med.toFixed(0)} | ${Math.min(...ms).toFixed(0)} | ${
        Math.max(...ms).toFixed(0)
      } | ` +
        `${Math.round(PAIRS / (med / 1000))} | ${med < TARGET_MS ? "yes" : "NO"} |`,
    );
  }
  const matrix = toMatrix(bleuRows);
  const bleu = cases[0]![1];
  const boot = time(() => bootstrapIntervals(bleu, matrix, { resamples: 1000, seed: 12345 }));
  const med = median(boot);
  console.log(
    `| bleu bootstrap, 1000 resamples | ${med.toFixed(0)} | ${Math.min(...boot).toFixed(0)} | ` +
      `${Math.max(...boot).toFixed(0)} | - | - |`,
  );
  return Promise.resolve();
}

if (import.meta.main) await metricsBench();
