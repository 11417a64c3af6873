import assert from "node:assert/strict";
import {
  pairedBootstrap,
  pairResampled,
  percentileInterval,
  resampleMatrix,
  toMatrix,
} from "../../src/metrics/bootstrap.ts";
import { compareSystems, scoreCorpus } from "../../src/metrics/corpus.ts";
import { createMetric } from "../../src/metrics/mod.ts";
import { mulberry32 } from "../../src/core/prng.ts";
import type { Metric } from "../../src/core/metric.ts";
import type { StatsMatrix } from "../../src/metrics/bootstrap.ts";

Deno.test("the one PRNG is reproducible per seed, differs across seeds, and is uniform", () => {
  const draw = (seed: number) => {
    const r = mulberry32(seed);
    return Array.from({ length: 8 }, () => r());
  };
  assert.deepEqual(draw(12345), draw(12345));
  assert.notDeepEqual(draw(12345), draw(12346));
  const r = mulberry32(7);
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < 100_000; i++) {
    const k = Math.floor(r() * 10);
    assert.ok(k >= 0 && k < 10);
    counts[k]!++;
  }
  for (const c of counts) assert.ok(Math.abs(c - 10_000) < 500, `count ${c}`);
});

Deno.test("percentile interval takes sacreBLEU's estimate_ci positions", () => {
  const values = Float64Array.from({ length: 1000 }, (_, i) => 999 - i);
  // sorted positions 1000 // 40 = 25 and 1000 - 25 - 1 = 974
  assert.deepEqual(percentileInterval(values), { low: 25, high: 974 });
});

function coin(n: number, p: number, seed: number): { preds: string[]; refs: string[][] } {
  const r = mulberry32(seed);
  const preds: string[] = [];
  const refs: string[][] = [];
  for (let i = 0; i < n; i++) {
    preds.push(r() < p ? "yes" : "no");
    refs.push(["yes"]);
  }
  return { preds, refs };
}

Deno.test("scoreCorpus reports defaults, a point estimate inside its CI, and a sane width", () => {
  const { preds, refs } = coin(1000, 0.5, 1);
  const s = scoreCorpus(createMetric("exact_match"), preds, refs);
  assert.deepEqual(s.bootstrap, { resamples: 1000, seed: 12345 });
  const v = s.scores.score!;
  assert.ok(v.ciLow <= v.value && v.value <= v.ciHigh);
  // Binomial: half-width about 1.96 * sqrt(0.25 / 1000) * 100 = 3.1 points.
  const half = (v.ciHigh - v.ciLow) / 2;
  assert.ok(half > 2.5 && half < 3.8, `half-width ${half}`);
  assert.equal(s.n, 1000);
  assert.equal(v.higherIsBetter, true);
});

Deno.test("scoreCorpus intervals are reproducible with a seed and change with it", () => {
  const { preds, refs } = coin(300, 0.3, 2);
  const m = createMetric("exact_match");
  const a = scoreCorpus(m, preds, refs, { resamples: 200, seed: 99 });
  const b = scoreCorpus(m, preds, refs, { resamples: 200, seed: 99 });
  const c = scoreCorpus(m, preds, refs, { resamples: 200, seed: 100 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.scores, c.scores);
});

Deno.test("scoreCorpus rejects mismatched lengths, empty corpora and bad settings", () => {
  const m = createMetric("bleu");
  assert.throws(() => scoreCorpus(m, ["a", "b"], [["a"]]), {
    name: "MetricError",
    message: /2 predictions but 1/,
  });
  assert.throws(() => scoreCorpus(m, [], []), { name: "MetricError" });
  assert.throws(() => scoreCorpus(m, ["a"], [["a"]], { resamples: -1 }), { name: "MetricError" });
  assert.throws(() => scoreCorpus(m, ["a"], [["a"]], { seed: 0.5 }), { name: "MetricError" });
});

Deno.test("bleu bootstrap resamples sufficient statistics, not sentence scores", () => {
  const hyps = ["the cat sat on the mat", "a dog barked at night", "it rained all day long"];
  const refs = [["the cat sat on a mat"], ["the dog barked at night"], ["it rained all day"]];
  const s = scoreCorpus(createMetric("bleu"), hyps, refs, { resamples: 100, seed: 1 });
  for (const [key, v] of Object.entries(s.scores)) {
    assert.ok(v.ciLow <= v.value && v.value <= v.ciHigh, key);
  }
  assert.equal(s.scores.hyp_len!.value, 16);
  assert.equal(s.scores.ref_len!.value, 15);
});

Deno.test("paired bootstrap: a system against itself is not significant", () => {
  const { preds, refs } = coin(200, 0.5, 3);
  const r = compareSystems(createMetric("exact_match"), preds, preds, refs, { resamples: 300 });
  assert.equal(r.score!.delta, 0);
  assert.equal(r.score!.pValue, 1);
  assert.equal(r.score!.ciLow, 0);
  assert.equal(r.score!.ciHigh, 0);
});

Deno.test("paired bootstrap: a clearly better system is significant and its CI excludes 0", () => {
  const n = 200;
  const refs = Array.from({ length: n }, () => ["yes"]);
  const base = Array.from({ length: n }, (_, i) => (i % 10 === 0 ? "yes" : "no"));
  const better = Array.from({ length: n }, (_, i) => (i % 10 === 0 ? "no" : "yes"));
  const m = createMetric("exact_match");
  const r = compareSystems(m, base, better, refs, { resamples: 500, seed: 5 });
  assert.equal(r.score!.delta, 80);
  assert.ok(r.score!.pValue < 0.01, `p ${r.score!.pValue}`);
  assert.ok(r.score!.ciLow > 0);
  assert.deepEqual(r, compareSystems(m, base, better, refs, { resamples: 500, seed: 5 }));
  // A small difference on few samples is not significant.
  const slightly = [...base];
  slightly[1] = "yes";
  const weak = compareSystems(m, base.slice(0, 20), slightly.slice(0, 20), refs.slice(0, 20), {
    resamples: 500,
  });
  assert.ok(weak.score!.pValue > 0.05, `p ${weak.score!.pValue}`);
});

function bleuCorpora(): { bleu: Metric; a: StatsMatrix; b: StatsMatrix; c: StatsMatrix } {
  const bleu = createMetric("bleu");
  const r = mulberry32(4);
  const words = ["the", "cat", "sat", "on", "a", "mat", "dog", "ran"];
  const sent = () =>
    Array.from({ length: 3 + Math.floor(r() * 6) }, () => words[Math.floor(r() * 8)]).join(" ");
  const refs = Array.from({ length: 40 }, () => [sent()]);
  const a = refs.map(([x]) => r() < 0.5 ? x! : sent());
  const b = refs.map(([x]) => r() < 0.3 ? x! : sent());
  const c = refs.map(([x]) => r() < 0.7 ? x! : sent());
  const m = (preds: string[]) => toMatrix(preds.map((p, i) => bleu.stats(p, refs[i]!)));
  return { bleu, a: m(a), b: m(b), c: m(c) };
}

Deno.test("a cell resampled once pairs with any other, to the digit of pairedBootstrap", () => {
  const { bleu, a, b, c } = bleuCorpora();
  const opts = { resamples: 200, seed: 12345 };
  // Pinned from the bootstrap that redrew both sides for every pair (commit 601fc5c).
  assert.deepEqual(pairedBootstrap(bleu, a, b, opts).score, {
    baseline: 66.89943045179751,
    system: 40.82591005298464,
    delta: -26.073520398812875,
    meanDelta: -25.74659619115089,
    ciLow: -46.500013832424,
    ciHigh: -5.157864024508029,
    pValue: 0.024875621890547265,
    higherIsBetter: true,
    verdict: "baseline",
  });
  const ra = resampleMatrix(bleu, a, opts);
  // Pairing needs no metric beyond its keys: nothing is resampled again.
  const keysOnly = { keys: bleu.keys };
  assert.deepEqual(
    pairResampled(keysOnly, ra, resampleMatrix(bleu, b, opts)),
    pairedBootstrap(bleu, a, b, opts),
  );
  assert.deepEqual(
    pairResampled(keysOnly, ra, resampleMatrix(bleu, c, opts)),
    pairedBootstrap(bleu, a, c, opts),
  );
  assert.deepEqual(
    pairResampled(keysOnly, resampleMatrix(bleu, c, opts), ra),
    pairedBootstrap(bleu, c, a, opts),
  );
  // Resamples of another size, count or seed are not the same draws.
  assert.throws(() => pairResampled(keysOnly, ra, resampleMatrix(bleu, b, { ...opts, seed: 1 })), {
    name: "MetricError",
  });
  assert.throws(() => pairResampled(keysOnly, ra, resampleMatrix(bleu, b, { resamples: 100 })), {
    name: "MetricError",
  });
});
