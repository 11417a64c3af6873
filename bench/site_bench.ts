/**
 * Leaderboard build time for 10,000 synthetic cells (issue target: under
 * 5 s), in the scheduler's grid: 48 models x 20 tasks of quality cells (once
 * per model and task), latency cells per model, task and target (9 targets),
 * and a sweep per model and target: 960 + 8,640 + 432 = 10,032 cells, cloned
 * from the shapes of the test fixtures with varied numbers, no samples. Measures the pure report reduction alone, then the
 * whole `deno task site` path (read the store, reduce, render every page
 * with toSSG, write, swap) into a temporary folder.
 *
 * @module
 */
import type { CellRecord } from "../src/core/record.ts";
import { buildReport } from "../src/report/mod.ts";
import { buildSite } from "../src/site/build.ts";

const FIXTURE = new URL(
  "../tests/fixtures/results/20261127T090000Z-fixture-run-2.jsonl",
  import.meta.url,
);

function synthetic(
  templates: CellRecord[],
  n: { models: number; tasks: number; targets: number },
): CellRecord[] {
  const q = templates.find((c) => c.settings.profile === "quality")!;
  const l = templates.find((c) => c.settings.profile === "latency")!;
  const s = templates.find((c) => c.settings.profile === "sweep")!;
  const out: CellRecord[] = [];
  let k = 0;
  const key = (): string => (k++).toString(16).padStart(64, "0");
  for (let m = 0; m < n.models; m++) {
    const arch = m % 2 === 0 ? "encoder-decoder" : "decoder-only";
    const model = {
      ...q.model,
      id: `synth-${arch === "encoder-decoder" ? "ed" : "dec"}-${m}`,
      architecture: arch,
      distilled: m % 4 >= 2,
      role: "student",
      ...(arch === "encoder-decoder" ? { split: ["2/3-1/3", "1/2-1/2", "1/3-2/3"][m % 3]! } : {}),
    } as CellRecord["model"];
    for (let t = 0; t < n.tasks; t++) {
      const v = 20 + ((m * 7 + t * 13) % 60) + (m % 4 >= 2 ? 2 : 0);
      out.push({
        ...q,
        cellKey: key(),
        model,
        task: { ...q.task!, id: `task_${t}` },
        target: { ...q.target, id: "target-0" },
        quality: {
          ...q.quality!,
          primary: "bleu.bleu",
          metrics: { "bleu.bleu": { value: v, ciLow: v - 3, ciHigh: v + 3, higherIsBetter: true } },
        },
      });
    }
    for (let g = 0; g < n.targets; g++) {
      const target = { ...l.target, id: `target-${g}` };
      const eff = l.efficiency!;
      for (let t = 0; t < n.tasks; t++) {
        const f = 1 + g * 0.3 + (m % 5) * 0.1 + t * 0.01;
        out.push({
          ...l,
          cellKey: key(),
          model,
          task: { ...q.task!, id: `task_${t}` },
          target,
          efficiency: {
            ...eff,
            ttftMs: { ...eff.ttftMs, mean: eff.ttftMs.mean * f },
            decodeTokensPerS: { ...eff.decodeTokensPerS, mean: eff.decodeTokensPerS.mean / f },
          },
        });
      }
      out.push({ ...s, cellKey: key(), model, target });
    }
  }
  return out;
}

/** Runs the benchmark and prints a markdown table. */
export default async function bench(): Promise<void> {
  const templates = (await Deno.readTextFile(FIXTURE)).trim().split("\n").map((l) =>
    JSON.parse(l) as CellRecord
  );
  const cells = synthetic(templates, { models: 48, tasks: 20, targets: 9 });
  const tmp = await Deno.makeTempDir({ prefix: "eb-site-bench-" });
  try {
    await Deno.mkdir(`${tmp}/results`);
    const runId = templates[0]!.runId;
    await Deno.writeTextFile(
      `${tmp}/results/${runId}.jsonl`,
      cells.map((c) => JSON.stringify(c)).join("\n") + "\n",
    );
    let t0 = performance.now();
    const report = buildReport(cells, { generatedAt: "bench" });
    const reduceS = (performance.now() - t0) / 1000;
    t0 = performance.now();
    const res = await buildSite({ resultsDir: `${tmp}/results`, outDir: `${tmp}/dist` });
    const buildS = (performance.now() - t0) / 1000;
    const overview = (await Deno.stat(`${tmp}/dist/index.html`)).size;
    console.log("| measure | value | target |");
    console.log("|---|---|---|");
    console.log(
      `| cells | ${cells.length} (${report.rows.length} models, ${report.tasks.length} tasks, ${report.targets.length} targets) | 10,000 |`,
    );
    console.log(`| report reduction | ${reduceS.toFixed(2)} s | |`);
    console.log(
      `| full build (read, reduce, render, write ${res.files.length} files) | ${
        buildS.toFixed(2)
      } s | < 5 s ${buildS < 5 ? "(met)" : "(MISSED)"} |`,
    );
    console.log(`| overview HTML | ${(overview / 1024).toFixed(0)} KiB | |`);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
}

if (import.meta.main) await bench();
export { synthetic };
