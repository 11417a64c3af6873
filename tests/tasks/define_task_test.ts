import assert from "node:assert/strict";
import { TaskError } from "../../src/core/errors.ts";
import { defineTask } from "../../src/tasks/define_task.ts";
import { validInput } from "./_helpers.ts";

Deno.test("defineTask accepts a valid task and fills defaults", () => {
  const task = defineTask(validInput());
  assert.equal(task.id, "echo");
  assert.deepEqual(task.postprocess, ["trim"]);
  assert.deepEqual(task.generation.stop, ["\n"]);
  assert.ok(Object.isFrozen(task));
  const noStop = defineTask(validInput({ generation: { maxNewTokens: 4 } }));
  assert.deepEqual(noStop.generation.stop, []);
});

const dataset = validInput().dataset;
const cases: [string, Record<string, unknown>, string, string][] = [
  ["bad id", { id: "Echo-1" }, "id", '"Echo-1"'],
  ["zero version", { version: 0 }, "version", "0"],
  ["fractional version", { version: 1.5 }, "version", "1.5"],
  ["bad kind", { kind: "asym" }, "kind", '"asym"'],
  ["bad direction", { direction: "up" }, "direction", '"up"'],
  ["empty description", { description: " " }, "description", '" "'],
  ["unknown metric", { metrics: [{ name: "meteor" }] }, "metrics[0].name", '"meteor"'],
  ["no metrics", { metrics: [] }, "metrics", "[]"],
  [
    "duplicate metric",
    { metrics: [{ name: "bleu" }, { name: "bleu" }], primary: "bleu.score" },
    "metrics[1].name",
    '"bleu"',
  ],
  ["primary of undeclared metric", { primary: "bleu.score" }, "primary", '"bleu.score"'],
  ["primary with unknown key", { primary: "exact_match.f1" }, "primary", '"exact_match.f1"'],
  ["primary without key", { primary: "exact_match" }, "primary", '"exact_match"'],
  ["zero maxNewTokens", { generation: { maxNewTokens: 0 } }, "generation.maxNewTokens", "0"],
  [
    "empty stop string",
    { generation: { maxNewTokens: 4, stop: [""] } },
    "generation.stop[0]",
    '""',
  ],
  ["unknown postprocess", { postprocess: ["trim", "lower"] }, "postprocess[1]", '"lower"'],
  ["renderer not a function", { prompt: "question: {q}" }, "prompt", '"question: {q}"'],
  ["missing references", { references: undefined }, "references", ""],
  [
    "few-shot from the eval split",
    { fewShot: { k: 2, split: "test", seed: 1, separator: "\n\n" } },
    "fewShot.split",
    '"test"',
  ],
  [
    "few-shot k zero",
    { fewShot: { k: 0, split: "train", seed: 1, separator: "\n\n" } },
    "fewShot.k",
    "0",
  ],
  [
    "bad eval split",
    { dataset: { ...dataset, evalSplit: "dev" } },
    "dataset.evalSplit",
    '"dev"',
  ],
  [
    "bad field path",
    { dataset: { ...dataset, fields: { text: "a..b" } } },
    "dataset.fields.text",
    '"a..b"',
  ],
  [
    "file source without env",
    { dataset: { ...dataset, source: { kind: "file", format: "jsonl", help: "get it" } } },
    "dataset.source.env",
    "",
  ],
  [
    "file source with unknown format",
    {
      dataset: {
        ...dataset,
        source: { kind: "file", format: "parquet", env: "X_PATH", help: "h" },
      },
    },
    "dataset.source.format",
    '"parquet"',
  ],
];

for (const [name, overrides, field, value] of cases) {
  Deno.test(`defineTask rejects ${name}, naming field ${field}`, () => {
    let caught: unknown;
    try {
      defineTask(validInput(overrides));
    } catch (e) {
      caught = e;
    }
    assert.ok(caught instanceof TaskError, `expected a TaskError, got ${caught}`);
    assert.equal(caught.field, field);
    const message = caught.message;
    assert.ok(message.includes(`field "${field}"`), message);
    if (value !== "") assert.ok(message.includes(value), message);
    assert.ok(!message.includes("\n"), "one-line message");
  });
}

Deno.test("defineTask accepts every documented primary key", () => {
  const primaries: [string, string][] = [
    ["rouge", "rouge.rougeLsum"],
    ["squad", "squad.exact"],
    ["chrf++", "chrf++.score"],
    ["accuracy", "accuracy.score"],
  ];
  for (const [name, primary] of primaries) {
    const task = defineTask(validInput({ metrics: [{ name }], primary }));
    assert.equal(task.primary, primary);
  }
});
