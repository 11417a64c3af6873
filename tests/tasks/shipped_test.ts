import assert from "node:assert/strict";
import { loadRegistry } from "../../src/tasks/registry.ts";
import { SHIPPED_TASK_IDS } from "../../src/tasks/shipped.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

Deno.test("tasks/shipped.json lists each task with shipped data once", async () => {
  const registry = await loadRegistry(`${ROOT}tasks`);
  const shipped = registry.tasks.filter((t) => t.dataset.source.kind === "shipped");
  assert.deepEqual([...SHIPPED_TASK_IDS].sort(), shipped.map((t) => t.id).sort());
  assert.equal(new Set(SHIPPED_TASK_IDS).size, SHIPPED_TASK_IDS.length);
});

Deno.test({
  name: "the model recipe reads the same shipped-task list, in its order",
  ignore: !(await Deno.stat("/usr/bin/python3").then(() => true, () => false)),
  fn: async () => {
    // data.py imports torch; read its TASKS without it.
    const code = [
      "import sys, types",
      "sys.modules['torch'] = types.ModuleType('torch')",
      "sys.path.insert(0, 'models/recipe')",
      "import json, data",
      "print(json.dumps(data.TASKS))",
    ].join("\n");
    const out = await new Deno.Command("/usr/bin/python3", { args: ["-c", code], cwd: ROOT })
      .output();
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    assert.deepEqual(JSON.parse(new TextDecoder().decode(out.stdout)), SHIPPED_TASK_IDS);
  },
});
