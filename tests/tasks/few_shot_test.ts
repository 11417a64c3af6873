import assert from "node:assert/strict";
import { TaskError } from "../../src/core/errors.ts";
import type { Sample } from "../../src/core/sample.ts";
import { defineTask } from "../../src/tasks/define_task.ts";
import { buildPrompt, selectDemonstrations } from "../../src/tasks/few_shot.ts";
import { validInput } from "./_helpers.ts";

const spec = { k: 3, split: "train", seed: 7, separator: "\n\n" } as const;
const task = defineTask(validInput({ fewShot: spec }));
const pool: Sample[] = Array.from({ length: 20 }, (_, i) => ({
  id: `t${i}`,
  fields: { text: `word${i}` },
}));

Deno.test("few-shot selection is reproducible and depends on seed and sample", () => {
  const sample = { id: "e1", fields: { text: "query" } };
  const a = selectDemonstrations(task, sample, pool, spec).map((s) => s.id);
  const b = selectDemonstrations(task, sample, pool, spec).map((s) => s.id);
  assert.deepEqual(a, b);
  assert.equal(new Set(a).size, 3);
  const seeds = new Set<string>();
  for (let seed = 0; seed < 10; seed++) {
    seeds.add(selectDemonstrations(task, sample, pool, { ...spec, seed }).map((s) => s.id).join());
  }
  assert.ok(seeds.size > 1, "different seeds pick different demonstrations");
});

Deno.test("few-shot never uses the evaluated sample, by id or by identical prompt", () => {
  for (let i = 0; i < 20; i++) {
    const sample = pool[i] as Sample;
    const twin = { id: `other${i}`, fields: { text: `word${i}` } };
    for (const s of [sample, twin]) {
      const demos = selectDemonstrations(task, s, pool, spec);
      assert.ok(demos.every((d) => d.id !== sample.id), `sample ${s.id} got itself`);
    }
  }
});

Deno.test("buildPrompt puts demonstrations with targets before the query", () => {
  const sample = { id: "e1", fields: { text: "query" } };
  const prompt = buildPrompt(task, sample, pool);
  const parts = prompt.split("\n\n");
  assert.equal(parts.length, 4);
  assert.match(parts[0] as string, /^copy: word\d+\ncopy:\nword\d+$/);
  assert.equal(parts[3], "copy: query\ncopy:\n");
});

Deno.test("buildPrompt without fewShot is the task prompt; with fewShot it needs a pool", () => {
  const plain = defineTask(validInput());
  const sample = { id: "e1", fields: { text: "q" } };
  assert.equal(buildPrompt(plain, sample), "copy: q\ncopy:\n");
  assert.throws(() => buildPrompt(task, sample), TaskError);
  assert.throws(() => buildPrompt(task, sample, pool.slice(0, 2)), /needs 3 demonstrations/);
});
