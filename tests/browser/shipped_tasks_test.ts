import assert from "node:assert/strict";
import { SHIPPED_TASKS } from "../../src/browser/shipped_tasks.ts";
import { SHIPPED_TASK_IDS } from "../../src/tasks/shipped.ts";

Deno.test("the worker bundles a definition for every shipped task", () => {
  assert.deepEqual([...SHIPPED_TASKS.keys()].sort(), [...SHIPPED_TASK_IDS].sort());
  for (const [id, t] of SHIPPED_TASKS) assert.equal(t.id, id);
});
