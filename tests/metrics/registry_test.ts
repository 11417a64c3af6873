import assert from "node:assert/strict";
import { MetricError, TaskError } from "../../src/core/errors.ts";
import { createMetric, findMetric, METRIC_NAMES, METRICS, orList } from "../../src/metrics/mod.ts";
import { metricScale } from "../../src/report/normalize.ts";
import { defineTask } from "../../src/tasks/define_task.ts";
import { validInput } from "../tasks/_helpers.ts";
import { runCli } from "../cli/_run.ts";

// The registry is the one list of metrics: every check below loops over it,
// so a descriptor added to METRICS is covered without touching this file.

Deno.test("the registry lists each metric once, in METRIC_NAMES' order", () => {
  assert.deepEqual(METRIC_NAMES, METRICS.map((m) => m.name));
  assert.equal(new Set(METRIC_NAMES).size, METRICS.length);
  for (const m of METRICS) assert.equal(findMetric(m.name), m);
  assert.equal(findMetric("meteor"), undefined);
});

for (const d of METRICS) {
  Deno.test(`${d.name}: the built metric agrees with its descriptor`, () => {
    const m = d.create();
    assert.equal(m.name, d.name);
    assert.equal(m.scale, d.scale);
    assert.ok(d.keys.includes(m.primary), `primary ${m.primary}`);
    const built = m.keys.map((k) => k.key);
    for (const key of d.keys) assert.ok(built.includes(key), key);
    assert.equal(createMetric(d.name).signature(), m.signature());
    // Every default passes its own rule: giving all defaults changes nothing.
    const defaults = Object.fromEntries(
      Object.entries(d.options)
        .filter(([, spec]) => spec.default !== undefined)
        .map(([k, spec]) => [k, spec.default as string | number | boolean]),
    );
    assert.equal(d.create(defaults).signature(), m.signature());
  });

  Deno.test(`${d.name}: defineTask accepts exactly the descriptor's keys as primary`, () => {
    const metrics = [{ name: d.name }];
    for (const key of d.keys) {
      assert.equal(
        defineTask(validInput({ metrics, primary: `${d.name}.${key}` })).primary,
        [
          d.name,
          key,
        ].join("."),
      );
    }
    assert.throws(
      () => defineTask(validInput({ metrics, primary: `${d.name}.no_such_key` })),
      (e: unknown) =>
        e instanceof TaskError &&
        e.message.includes(`key must be one of ${d.keys.map((k) => `${d.name}.${k}`).join(", ")}`),
    );
  });

  Deno.test(`${d.name}: meanOfSamples says whether the corpus score is the samples' mean`, () => {
    // The paired test resamples recorded sample scores only where this holds.
    const m = d.create();
    const preds = ["the cat sat on the mat", "a dog", "one two three four"];
    const refs = [["the cat is on the mat"], ["a dog barked"], ["one two three four"]];
    const rows = preds.map((p, i) => m.stats(p, refs[i]!));
    const sums = rows[0]!.map((_, j) => rows.reduce((a, r) => a + r[j]!, 0));
    const corpus = m.aggregate(sums, rows.length)[m.primary]!;
    const mean = preds.reduce((a, p, i) => a + m.sampleScores(p, refs[i]!)[m.primary]!, 0) /
      preds.length;
    assert.equal(Math.abs(corpus - mean) < 1e-9, d.meanOfSamples, `${corpus} vs ${mean}`);
  });

  Deno.test(`${d.name}: the report's scale is the descriptor's`, () => {
    for (const key of d.keys) assert.equal(metricScale(`${d.name}.${key}`), d.scale);
  });
}

Deno.test("defineTask names every registered metric when the name is unknown", () => {
  assert.throws(
    () => defineTask(validInput({ metrics: [{ name: "meteor" }] })),
    (e: unknown) => e instanceof TaskError && e.message.includes(METRIC_NAMES.join(", ")),
  );
  assert.throws(
    () => createMetric("meteor"),
    (e: unknown) =>
      e instanceof MetricError && e.message.includes(`known: ${METRIC_NAMES.join(", ")}`),
  );
});

Deno.test("score's help lists every registered metric", async () => {
  const out = await runCli("score", ["--allow-read"], ["--help"]);
  assert.equal(out.code, 0);
  const help = out.stdout.replace(/\s+/g, " ");
  assert.ok(help.includes(`--metric <name> ${orList(METRIC_NAMES)} `), help);
});
