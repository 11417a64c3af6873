/** The Hub lock file: read checked field by field, merged per model, written sorted. */
import { assert, assertEquals, assertRejects } from "../results/_assert.ts";
import { ConfigError } from "../../src/core/errors.ts";
import { readHubLock, withModel, writeHubLock } from "../../src/hub/lock_file.ts";

const SHA = "a".repeat(40);
const file = (path: string) => ({ path, size: 1, sha256: "b".repeat(64) });

Deno.test("a lock round-trips; a model's files at the same sha merge, at a new sha replace", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/hub.lock.json`;
  assertEquals(await readHubLock(path), { version: 1, models: {} });
  let lock = withModel({ version: 1, models: {} }, {
    repo: "o/n",
    revision: "main",
    sha: SHA,
    files: [file("b"), file("a")],
  });
  lock = withModel(lock, { repo: "o/n", revision: "main", sha: SHA, files: [file("c")] });
  assertEquals(lock.models["o/n@main"]!.files.map((f) => f.path), ["a", "b", "c"]);
  lock = withModel(lock, {
    repo: "o/n",
    revision: "main",
    sha: "c".repeat(40),
    files: [file("d")],
  });
  assertEquals(lock.models["o/n@main"]!.files.map((f) => f.path), ["d"]);
  await writeHubLock(path, lock);
  assertEquals(await readHubLock(path), lock);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a malformed lock names its file and field", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/hub.lock.json`;
  const bad = {
    version: 1,
    models: { "o/n@main": { repo: "o/n", revision: "main", sha: "nope", files: [] } },
  };
  await Deno.writeTextFile(path, JSON.stringify(bad));
  const err = await assertRejects(() => readHubLock(path), ConfigError);
  assert(err.message.startsWith(`${path}: field "models.o/n@main.sha" = "nope"`), err.message);
  await Deno.remove(dir, { recursive: true });
});
