import assert from "node:assert/strict";
import { scoreCorpus } from "../../src/metrics/corpus.ts";
import { f1V1, f1V2, normalizeAnswer, squad, squadSample } from "../../src/metrics/squad.ts";

// huggingface/evaluate metrics/squad/README.md and metrics/squad_v2/README.md "Examples"
const PREDS = ["1976", "Beyonce", "climate change"];
const REFS = [["1976"], ["Beyoncé and Bruno Mars"], ["climate change"]];

for (const squadVersion of [1, 2] as const) {
  Deno.test(`squad v${squadVersion} reproduces the HF evaluate README examples`, () => {
    const m = squad.create({ squadVersion });
    const perfect = scoreCorpus(m, ["1976"], [["1976"]], { resamples: 0 });
    assert.equal(perfect.scores.exact!.value, 100.0);
    assert.equal(perfect.scores.f1!.value, 100.0);
    const none = scoreCorpus(m, ["1999"], [["1976"]], { resamples: 0 });
    assert.equal(none.scores.exact!.value, 0.0);
    assert.equal(none.scores.f1!.value, 0.0);
    // Partial match: {'exact_match' / 'exact': 66.66666666666667, 'f1': 66.66666666666667}
    const partial = scoreCorpus(m, PREDS, REFS, { resamples: 0 });
    assert.equal(partial.scores.exact!.value, 66.66666666666667);
    assert.equal(partial.scores.f1!.value, 66.66666666666667);
  });
}

Deno.test("squad normalize_answer lowercases, drops punctuation, articles and extra spaces", () => {
  assert.equal(normalizeAnswer("The  Cat, an apple & A dog!"), "cat apple dog");
  assert.equal(normalizeAnswer("theater anthem"), "theater anthem");
  assert.equal(normalizeAnswer("Beyoncé"), "beyoncé");
  // Python's \b is Unicode-aware: "é" is a word character, so "éa" keeps its "a".
  assert.equal(normalizeAnswer("éa a"), "éa");
  assert.equal(normalizeAnswer("  "), "");
});

Deno.test("squad F1 follows the official token-overlap definition", () => {
  // precision 1/2, recall 1/1 -> F1 2/3
  assert.equal(f1V2("Paris", "in Paris"), 2 / 3);
  assert.equal(f1V1("Paris", "in Paris"), 2 / 3);
  // repeated tokens count once per occurrence (Counter intersection)
  assert.equal(f1V2("a b b c", "b b b"), 2 * (2 / 3) * (2 / 3) / (4 / 3));
});

Deno.test("squad v2 empty-answer rules match evaluate-v2.0.py", () => {
  // No gold answer: the only correct answer is the empty string.
  assert.deepEqual(squadSample("", [], 2), { exact: 1, f1: 1 });
  assert.deepEqual(squadSample("", [""], 2), { exact: 1, f1: 1 });
  assert.deepEqual(squadSample("something", [], 2), { exact: 0, f1: 0 });
  // Golds that normalise to nothing are dropped ("the" -> "").
  assert.deepEqual(squadSample("", ["the", "."], 2), { exact: 1, f1: 1 });
  // Either side empty: F1 is equality of the token lists.
  assert.equal(f1V2("", "x"), 0);
  assert.equal(f1V2("x", ""), 0);
  assert.equal(f1V2("the", "a"), 1);
  // Max over gold answers.
  assert.deepEqual(squadSample("Denver Broncos", ["Broncos", "Denver Broncos"], 2), {
    exact: 1,
    f1: 1,
  });
});

Deno.test("squad v1 differs from v2 only on empty answers", () => {
  assert.deepEqual(squadSample("", [""], 1), { exact: 1, f1: 0 });
  assert.throws(() => squadSample("x", [], 1), { name: "MetricError" });
  assert.deepEqual(squadSample("in Paris", ["Paris"], 1), squadSample("in Paris", ["Paris"], 2));
});

Deno.test("squad signature names the script version", () => {
  assert.equal(
    squad.create().signatureFor(1),
    "nrefs:1|squad:v2.0|norm:official|agg:mean|scale:100",
  );
  assert.equal(
    squad.create({ squadVersion: 1 }).signature(),
    "nrefs:1|squad:v1.1|norm:official|agg:mean|scale:100",
  );
});

Deno.test("squad v2 drops a gold that normalises to empty when a real one is beside it", () => {
  // evaluate-v2.0.py keeps only golds with a non-empty normalize_answer: "the" goes, so
  // an empty prediction is wrong (the script gives exact 0, F1 0), not right against "the".
  assert.deepEqual(squadSample("", ["the", "Paris"], 2), { exact: 0, f1: 0 });
  assert.deepEqual(squadSample("paris", ["the", "Paris"], 2), { exact: 1, f1: 1 });
  assert.deepEqual(squadSample("", ["the", "an"], 2), { exact: 1, f1: 1 });
});
