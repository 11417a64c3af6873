import assert from "node:assert/strict";
import { MetricError } from "../../src/core/errors.ts";
import { defineMetric } from "../../src/metrics/descriptor.ts";
import { choice, count, flag, orList, real, text } from "../../src/metrics/options.ts";
import { scoreCorpus } from "../../src/metrics/mod.ts";

// A metric that is not in the registry: what a new metric module writes.
const fake = defineMetric({
  name: "fake",
  keys: ["score"],
  scale: 1,
  meanOfSamples: true,
  options: {
    /** Compare case-insensitively. */
    lowercase: flag(false),
    /** Longest prefix compared. */
    width: count(8, 1),
    /** How to join references. */
    mode: choice(["any", "all"], "any"),
    /** A weight, default left to the metric. */
    weight: real(undefined),
    /** A label for the signature. */
    label: text("x"),
  },
  signature: (o, nrefs) =>
    `nrefs:${nrefs}|case:${o.lowercase ? "lc" : "mixed"}|w:${o.width}|m:${o.mode}|` +
    `weight:${o.weight ?? "none"}|label:${o.label}`,
  scorer: (o) => {
    const norm = (s: string): string => (o.lowercase ? s.toLowerCase() : s).slice(0, o.width);
    const stats = (p: string, refs: readonly string[]): number[] => {
      const hit = (r: string): boolean => norm(r) === norm(p);
      return [(o.mode === "any" ? refs.some(hit) : refs.every(hit)) ? 1 : 0];
    };
    return {
      keys: [{ key: "score", higherIsBetter: true }],
      primary: "score",
      stats,
      aggregate: (sums, n) => ({ score: (sums[0] ?? 0) / n }),
      sampleScores: (p, r) => ({ score: stats(p, r)[0]! }),
    };
  },
});

Deno.test("defineMetric adds name, scale and signature to what the scorer computes", () => {
  const m = fake.create();
  assert.equal(m.name, "fake");
  assert.equal(m.scale, 1);
  assert.equal(m.signature(), "nrefs:1|case:mixed|w:8|m:any|weight:none|label:x");
  assert.equal(m.signatureFor("var"), "nrefs:var|case:mixed|w:8|m:any|weight:none|label:x");
  const lc = fake.create({ lowercase: true, width: 3, mode: "all", weight: 0.5, label: "y" });
  assert.equal(lc.signature(), "nrefs:1|case:lc|w:3|m:all|weight:0.5|label:y");
  const s = scoreCorpus(lc, ["ABCd", "xyz"], [["abcE", "ABC"], ["xy"]], { resamples: 0 });
  assert.equal(s.scores.score!.value, 0.5);
  assert.equal(s.signature, "nrefs:var|case:lc|w:3|m:all|weight:0.5|label:y");
});

Deno.test("create checks unknown options and kinds first, in the order given", () => {
  const err = (options: Record<string, unknown>) => {
    try {
      fake.create(options as never);
    } catch (e) {
      assert.ok(e instanceof MetricError);
      return [e.message, e.field, e.value];
    }
    return null;
  };
  assert.deepEqual(err({ color: "red" }), [
    'field "color" = "red": fake: unknown option (known: lowercase, width, mode, weight, label)',
    "color",
    "red",
  ]);
  assert.deepEqual(err({ width: -1, lowercase: "yes" })?.slice(1), ["lowercase", "yes"]);
  assert.match(String(err({ lowercase: "yes" })?.[0]), /fake: option must be a boolean$/);
  assert.match(String(err({ weight: "1" })?.[0]), /fake: option must be a number$/);
  assert.match(String(err({ label: 1 })?.[0]), /fake: option must be a string$/);
});

Deno.test("create then runs each option's rule in the table's order", () => {
  assert.throws(() => fake.create({ mode: "none" as "any", width: 0 }), {
    name: "MetricError",
    message: /fake: width must be at least 1$/,
  });
  assert.throws(() => fake.create({ mode: "none" as "any" }), {
    message: /fake: mode must be any or all$/,
  });
  for (const width of [-1, 1.5]) {
    assert.throws(() => fake.create({ width }), {
      message: /fake: option must be a non-negative integer$/,
    });
  }
});

Deno.test("a metric without options says so", () => {
  const bare = defineMetric({
    name: "bare",
    keys: ["score"],
    scale: 100,
    meanOfSamples: true,
    options: {},
    signature: () => "bare",
    scorer: () => ({
      keys: [{ key: "score", higherIsBetter: true }],
      primary: "score",
      stats: () => [1],
      aggregate: () => ({ score: 100 }),
      sampleScores: () => ({ score: 100 }),
    }),
  });
  assert.throws(() => bare.create({ x: 1 } as never), {
    message: /bare: unknown option \(known: none\)$/,
  });
  assert.equal(bare.create().name, "bare");
});

Deno.test("orList joins with commas and a final 'or'", () => {
  assert.equal(orList([]), "");
  assert.equal(orList(["a"]), "a");
  assert.equal(orList([1, 2]), "1 or 2");
  assert.equal(orList(["none", "floor", "add-k", "exp"]), "none, floor, add-k or exp");
});
