import { assertAlmost, assertEquals } from "./_assert.ts";
import { compareCells } from "../../src/report/mod.ts";
import type { SampleRecord } from "../../src/core/record.ts";
import { compareSystems, scoreCorpus } from "../../src/metrics/corpus.ts";
import { createMetric } from "../../src/metrics/mod.ts";

const REFS = Array.from(
  { length: 40 },
  (_, i) => `the river ${i} runs north past the old mill and the long bank of reeds`,
);

function predictions(edit: (i: number) => string): string[] {
  return REFS.map((_, i) => edit(i));
}

function cell(key: string, preds: readonly string[]): SampleRecord[] {
  const bleu = createMetric("bleu");
  return preds.map((p, i) => ({
    schema: "encoder-bench/sample@1" as const,
    cellKey: key,
    sampleId: `s${String(i).padStart(3, "0")}`,
    inputSha256: "",
    input: "",
    references: [REFS[i]!],
    prediction: p,
    scores: { "bleu.score": bleu.sampleScores(p, [REFS[i]!]).score! },
    inputTokens: 1,
    outputTokens: 1,
  }));
}

// Short outputs for some samples: sentence BLEU averages differ from corpus BLEU.
const good = predictions((i) => i % 3 === 0 ? `the river ${i} runs` : REFS[i]!);
const weak = predictions((i) => i % 2 === 0 ? `the river ${i} runs north past the mill` : REFS[i]!);

Deno.test("compareCells resamples BLEU's sufficient statistics, as compareSystems does", () => {
  const samples = new Map([["a", cell("a", good)], ["b", cell("b", weak)]]);
  const r = compareCells(samples, {
    system: "a",
    baseline: "b",
    primary: "bleu.score",
    higherIsBetter: true,
  })!;
  const bleu = createMetric("bleu");
  const refs = REFS.map((r) => [r]);
  const corpusDelta = scoreCorpus(bleu, good, refs).scores.score!.value -
    scoreCorpus(bleu, weak, refs).scores.score!.value;
  assertAlmost(r.delta, corpusDelta, 1e-9);
  // The same test, seed and interval rule as the metrics module's paired bootstrap.
  const direct = compareSystems(bleu, weak, good, refs).score!;
  assertEquals(r, direct);
  const meanOfSentences = (xs: readonly SampleRecord[]) =>
    xs.reduce((s, x) => s + x.scores["bleu.score"]!, 0) / xs.length;
  const perSampleDelta = meanOfSentences(samples.get("a")!) - meanOfSentences(samples.get("b")!);
  // Averaging sentence scores would give a different difference (-0.88 vs -0.005 here).
  assertEquals(Math.abs(perSampleDelta - r.delta) > 0.5, true);
});

Deno.test("compareCells is antisymmetric and needs enough shared samples", () => {
  const samples = new Map([["a", cell("a", good)], ["b", cell("b", weak)]]);
  const pair = { primary: "bleu.score", higherIsBetter: true };
  const ab = compareCells(samples, { system: "a", baseline: "b", ...pair })!;
  const ba = compareCells(samples, { system: "b", baseline: "a", ...pair })!;
  assertAlmost(ab.delta, -ba.delta, 1e-9);
  assertAlmost(ab.ciLow, -ba.ciHigh, 1e-9);
  const verdicts = { system: "baseline", baseline: "system", tie: "tie" } as const;
  assertEquals(verdicts[ab.verdict], ba.verdict);
  const few = new Map([["a", cell("a", good).slice(0, 9)], ["b", cell("b", weak)]]);
  assertEquals(compareCells(few, { system: "a", baseline: "b", ...pair }), null);
  assertEquals(compareCells(samples, { system: "a", baseline: "zz", ...pair }), null);
});

Deno.test("compareCells on a mean metric resamples the recorded per-sample scores", () => {
  const mk = (key: string, shift: number): SampleRecord[] =>
    Array.from({ length: 30 }, (_, i) => ({
      ...cell(key, [REFS[0]!])[0]!,
      sampleId: `q${i}`,
      scores: { "squad.f1": 50 + ((i * 29) % 40) - 20 + shift },
    }));
  const samples = new Map([["a", mk("a", 2)], ["b", mk("b", 0)]]);
  const r = compareCells(samples, {
    system: "a",
    baseline: "b",
    primary: "squad.f1",
    higherIsBetter: true,
  })!;
  assertAlmost(r.delta, 2, 1e-9);
  assertAlmost(r.ciLow, 2, 1e-9);
  assertEquals(r.verdict, "system");
});
