import assert from "node:assert/strict";
import { createMetric, METRIC_NAMES } from "../../src/metrics/mod.ts";

Deno.test("createMetric builds every registered metric under its own name", () => {
  assert.deepEqual(METRIC_NAMES, [
    "bleu",
    "chrf",
    "chrf++",
    "rouge",
    "squad",
    "exact_match",
    "accuracy",
  ]);
  for (const name of METRIC_NAMES) {
    const m = createMetric(name);
    assert.equal(m.name, name);
    assert.ok(m.keys.some((k) => k.key === m.primary), `${name} primary ${m.primary}`);
    const text = "the cat sat on the mat";
    const row = m.stats(text, [text]);
    const top = m.aggregate(row, 1)[m.primary]!;
    assert.ok(Math.abs(top - m.scale) < 1e-9, `${name}: ${top}`);
  }
});

Deno.test("createMetric rejects unknown names and bad options with MetricError", () => {
  assert.throws(() => createMetric("meteor"), { name: "MetricError", message: /meteor/ });
  assert.throws(() => createMetric("bleu", { smoothMethod: "magic" }), { name: "MetricError" });
  assert.throws(() => createMetric("bleu", { tokenize: "intl" }), { name: "MetricError" });
  assert.throws(() => createMetric("squad", { squadVersion: 3 }), { name: "MetricError" });
  assert.throws(() => createMetric("rouge", { useStemmer: "yes" }), { name: "MetricError" });
  assert.throws(() => createMetric("exact_match", { foo: 1 }), {
    name: "MetricError",
    message: /foo/,
  });
  assert.throws(() => createMetric("chrf++", { wordOrder: 0 }), { name: "MetricError" });
});

Deno.test("createMetric passes options through", () => {
  assert.match(createMetric("squad", { squadVersion: 1 }).signature(), /squad:v1\.1/);
  assert.match(createMetric("rouge", { useStemmer: true }).signature(), /stem:porter-nltk/);
  assert.match(createMetric("chrf++").signature(), /nw:2/);
  assert.match(createMetric("bleu", { lowercase: true }).signature(), /case:lc/);
  assert.deepEqual(
    createMetric("rouge", { rougeTypes: "rouge1,rougeL" }).keys.map((k) => k.key),
    ["rouge1", "rouge1_precision", "rouge1_recall", "rougeL", "rougeL_precision", "rougeL_recall"],
  );
});
