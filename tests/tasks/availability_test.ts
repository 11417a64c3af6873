import assert from "node:assert/strict";
import { taskAvailability } from "../../src/tasks/availability.ts";
import { loadRegistry } from "../../src/tasks/registry.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const registry = await loadRegistry(`${ROOT}tasks`);

Deno.test("taskAvailability: a shipped task carries its split's sha256 and size", async () => {
  const a = await taskAvailability(registry.get("qa"), `${ROOT}datasets`);
  assert(a.available);
  const manifest = JSON.parse(await Deno.readTextFile(`${ROOT}datasets/qa/manifest.json`));
  const split = a.info.split;
  assert.equal(a.info.id, "qa");
  assert.equal(a.info.datasetSha256, manifest.splits[split].sha256);
  assert.equal(a.samples, manifest.splits[split].count);
});

Deno.test("taskAvailability: missing data makes a task unavailable, with why", async () => {
  const empty = await Deno.makeTempDir({ prefix: "eb-avail-" });
  try {
    const shipped = await taskAvailability(registry.get("qa"), empty);
    assert(!shipped.available);
    assert.match(shipped.reason, /deno task datasets/);
    const local = registry.tasks.find((t) => t.dataset.source.kind === "file")!;
    const env = local.dataset.source.kind === "file" ? local.dataset.source.env : "";
    if (Deno.env.get(env) === undefined) {
      const file = await taskAvailability(local, empty);
      assert(!file.available);
      assert.match(file.reason, new RegExp(env));
    }
  } finally {
    await Deno.remove(empty, { recursive: true });
  }
});
