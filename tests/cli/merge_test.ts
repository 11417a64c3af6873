import { assert, assertEquals } from "../results/_assert.ts";
import { readStore } from "../../src/results/mod.ts";
import { runCli, writeStore } from "./_store.ts";

Deno.test("deno task merge merges machines' folders, keeps history, and is idempotent", async () => {
  const a = await Deno.makeTempDir();
  const b = await Deno.makeTempDir();
  const dest = await Deno.makeTempDir();
  await writeStore(a, "20261128T100000Z-a-000001");
  await writeStore(b, "20261128T110000Z-b-000002");
  const perms = ["--allow-read", `--allow-write=${dest}`];
  const r1 = await runCli("merge", perms, [a, b, "--out", dest, "--json"]);
  assertEquals(r1.code, 0, r1.stderr);
  assertEquals(JSON.parse(r1.stdout).added, 18);
  const r2 = await runCli("merge", perms, [a, b, "--out", dest, "--json"]);
  assertEquals(JSON.parse(r2.stdout).added, 0);
  assertEquals(JSON.parse(r2.stdout).duplicates, 18);
  const store = await readStore(dest, { strict: true });
  assertEquals(store.cells.length, 18);
  assertEquals(store.runs.length, 2);
});

Deno.test("deno task merge: a missing folder is a one-line error with exit code 2", async () => {
  const dest = await Deno.makeTempDir();
  const r = await runCli("merge", ["--allow-read", `--allow-write=${dest}`], [
    `${dest}/nope`,
    "--out",
    dest,
  ]);
  assertEquals(r.code, 2);
  assertEquals(r.stderr.trim().split("\n").length, 1);
  assert(r.stderr.includes("nope"), r.stderr);
  const noArgs = await runCli("merge", ["--allow-read"], []);
  assertEquals(noArgs.code, 2);
});
