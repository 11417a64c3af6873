import assert from "node:assert/strict";
import { scoreCorpus } from "../../src/metrics/corpus.ts";
import { accuracy } from "../../src/metrics/accuracy.ts";
import { exactMatch } from "../../src/metrics/exact_match.ts";

Deno.test("exact_match compares trimmed strings case-sensitively on the 0-100 scale", () => {
  const m = exactMatch.create();
  assert.deepEqual(m.sampleScores("  Paris \n", ["Paris"]), { score: 100 });
  assert.deepEqual(m.sampleScores("paris", ["Paris"]), { score: 0 });
  assert.deepEqual(m.sampleScores("Lyon", ["Paris", "Lyon "]), { score: 100 });
  const s = scoreCorpus(m, ["a", "b", "c", "d"], [["a"], ["x"], ["c"], ["y"]], { resamples: 0 });
  assert.equal(s.scores.score!.value, 50);
});

Deno.test("accuracy ignores case and whitespace runs on the 0-1 scale", () => {
  const m = accuracy.create();
  assert.deepEqual(m.sampleScores(" Positive\n", ["positive"]), { score: 1 });
  assert.deepEqual(m.sampleScores("very  Good", ["very good"]), { score: 1 });
  assert.deepEqual(m.sampleScores("negative", ["positive"]), { score: 0 });
  const s = scoreCorpus(m, ["yes", "no", "yes"], [["Yes"], ["yes"], ["YES"]], { resamples: 0 });
  assert.equal(s.scores.score!.value, 2 / 3);
  assert.throws(() => m.stats("x", []), { name: "MetricError" });
});
