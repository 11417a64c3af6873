import assert from "node:assert/strict";
import fc from "fast-check";
import { scoreCorpus } from "../../src/metrics/corpus.ts";
import { createMetric, METRIC_NAMES } from "../../src/metrics/mod.ts";

const word = fc.stringMatching(/^[a-z]{1,8}$/);
const sentence = fc.array(word, { minLength: 2, maxLength: 15 }).map((w) => w.join(" "));
const RUNS = { numRuns: 40 };

/** The keys that must be at their maximum for identical text (ROUGE P/R/F all are). */
function maxKeys(name: string): string[] {
  if (name === "bleu") return ["score", "p1", "p2", "bp"];
  return createMetric(name).keys.map((k) => k.key);
}

Deno.test("identical prediction and reference score the maximum", () => {
  for (const name of METRIC_NAMES) {
    const m = createMetric(name);
    fc.assert(
      fc.property(sentence, (s) => {
        const scores = m.sampleScores(s, [s]);
        for (const key of maxKeys(name)) {
          const top = key === "bp" ? 1 : key.startsWith("p") && name === "bleu" ? 100 : m.scale;
          assert.ok(
            Math.abs(scores[key]! - top) < 1e-9,
            `${name}.${key} = ${scores[key]} for ${s}`,
          );
        }
      }),
      RUNS,
    );
  }
});

Deno.test("an empty prediction scores zero", () => {
  for (const name of METRIC_NAMES) {
    const m = createMetric(name);
    fc.assert(
      fc.property(sentence, (s) => {
        assert.equal(m.sampleScores("", [s])[m.primary], 0, `${name} for ${s}`);
        const corpus = scoreCorpus(m, ["", ""], [[s], [s]], { resamples: 20 });
        assert.equal(corpus.scores[m.primary]!.value, 0);
      }),
      RUNS,
    );
  }
});

Deno.test("the order of references does not matter", () => {
  for (const name of METRIC_NAMES) {
    const m = createMetric(name);
    // rouge-score keeps P/R of the first reference among F ties, so compare F only.
    const keys = name === "rouge"
      ? ["rouge1", "rouge2", "rougeL", "rougeLsum"]
      : m.keys.map((k) => k.key);
    fc.assert(
      fc.property(sentence, fc.array(sentence, { minLength: 2, maxLength: 4 }), (p, refs) => {
        const a = m.sampleScores(p, refs);
        const b = m.sampleScores(p, [...refs].reverse());
        for (const k of keys) assert.ok(Math.abs(a[k]! - b[k]!) < 1e-12, `${name}.${k}`);
      }),
      RUNS,
    );
  }
});

Deno.test("bootstrap CI contains the point estimate and is reproducible with a seed", () => {
  for (const name of METRIC_NAMES) {
    const m = createMetric(name);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(sentence, sentence), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (pairs, seed) => {
          const preds = pairs.map(([p]) => p);
          const refs = pairs.map(([, r]) => [r]);
          const a = scoreCorpus(m, preds, refs, { resamples: 50, seed });
          for (const [key, v] of Object.entries(a.scores)) {
            assert.ok(v.ciLow <= v.value && v.value <= v.ciHigh, `${name}.${key}`);
          }
          assert.deepEqual(scoreCorpus(m, preds, refs, { resamples: 50, seed }), a);
        },
      ),
      { numRuns: 15 },
    );
  }
});
