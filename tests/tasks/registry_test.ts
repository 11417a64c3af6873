import assert from "node:assert/strict";
import { TaskError } from "../../src/core/errors.ts";
import { isTaskFile, loadRegistry } from "../../src/tasks/registry.ts";
import { taskLiteral, taskModule } from "./_helpers.ts";

async function withTaskDir(
  files: Record<string, string>,
  fn: (dir: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "tasks_" });
  try {
    for (const [name, text] of Object.entries(files)) {
      await Deno.writeTextFile(`${dir}/${name}`, text);
    }
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function loadError(dir: string): Promise<TaskError> {
  try {
    await loadRegistry(dir);
  } catch (e) {
    assert.ok(e instanceof TaskError, `expected TaskError, got ${e}`);
    return e;
  }
  throw new Error("expected loadRegistry to fail");
}

Deno.test("the built-in tasks folder loads all ten tasks", async () => {
  const registry = await loadRegistry(new URL("../../tasks", import.meta.url).pathname);
  assert.deepEqual(registry.tasks.map((t) => t.id), [
    "code_translate",
    "codexglue_translation",
    "common_gen",
    "qa",
    "squad_v2",
    "summarize",
    "translate",
    "wmt14_en_de",
    "write",
    "xsum",
  ]);
  for (const task of registry.tasks) {
    assert.ok(registry.files.get(task.id)?.endsWith(`/${task.id}.ts`), "id equals file name");
  }
});

Deno.test("registry loads a temp folder, skipping _private and _test files", async () => {
  await withTaskDir({
    "alpha.ts": taskModule(taskLiteral("alpha")),
    "beta.ts": taskModule(taskLiteral("beta")),
    "_shared.ts": "throw new Error('never loaded');",
    "alpha_test.ts": "throw new Error('never loaded');",
    "notes.md": "not a module",
  }, async (dir) => {
    const registry = await loadRegistry(dir);
    assert.deepEqual(registry.tasks.map((t) => t.id), ["alpha", "beta"]);
    assert.equal(registry.get("beta").id, "beta");
    assert.deepEqual(registry.select(["beta"]).map((t) => t.id), ["beta"]);
    assert.throws(() => registry.get("gamma"), /unknown task; known: alpha, beta/);
  });
  assert.ok(isTaskFile("qa.ts"));
  assert.ok(!isTaskFile("qa_test.ts") && !isTaskFile("_x.ts") && !isTaskFile("x.d.ts"));
});

Deno.test("a duplicate task id fails naming the second file and the first", async () => {
  await withTaskDir({
    "one.ts": taskModule(taskLiteral("same")),
    "two.ts": taskModule(taskLiteral("same")),
  }, async (dir) => {
    const e = await loadError(dir);
    assert.equal(e.file, `${dir}/two.ts`);
    assert.match(
      e.message,
      /two\.ts: field "id" = "same": duplicate task id, already defined in .*one\.ts/,
    );
  });
});

Deno.test("an invalid defineTask call fails naming the file, field and value", async () => {
  await withTaskDir({
    "bad.ts": taskModule(taskLiteral("bad", 'kind: "sideways",')),
  }, async (dir) => {
    const e = await loadError(dir);
    assert.match(e.message, /bad\.ts: field "kind" = "sideways": must be one of/);
    assert.ok(!e.message.includes("\n"));
  });
});

Deno.test("a module that throws, or has a syntax error, fails naming the file", async () => {
  await withTaskDir({ "boom.ts": 'throw new Error("kaboom");\n' }, async (dir) => {
    const e = await loadError(dir);
    assert.match(e.message, /boom\.ts: task module failed to load: .*kaboom/);
  });
  await withTaskDir({ "syntax.ts": "export default {{{;\n" }, async (dir) => {
    const e = await loadError(dir);
    assert.match(e.message, /syntax\.ts: task module failed to load/);
  });
});

Deno.test("a module without a valid default export fails naming the file", async () => {
  await withTaskDir({ "none.ts": "export const task = 1;\n" }, async (dir) => {
    const e = await loadError(dir);
    assert.match(e.message, /none\.ts: task module has no default export/);
  });
  await withTaskDir({ "plain.ts": 'export default { id: "plain" };\n' }, async (dir) => {
    const e = await loadError(dir);
    assert.match(e.message, /plain\.ts: field "version"/);
  });
});

Deno.test("a missing tasks folder is a TaskError naming it", async () => {
  const e = await loadError("/nonexistent/tasks_dir");
  assert.match(e.message, /nonexistent\/tasks_dir: cannot read the tasks folder/);
});
