import { assert, assertEquals } from "../report/_assert.ts";
import { runCli, task } from "../cli/_run.ts";
import { RunWriter, sha256Text } from "../../src/results/mod.ts";
import { shapeCell } from "../report/_records.ts";

Deno.test("deno task site: a missing results folder is one error line and exit 2", async () => {
  const r = await task("site", ["--results", "/nonexistent-eb", "--out", "leaderboard/dist"]);
  assertEquals(r.code, 2);
  const lines = r.stderr.trim().split("\n").filter((l) => l.startsWith("error:"));
  assertEquals(lines, ['error: --results: not a folder: "/nonexistent-eb"']);
});

Deno.test("deno task serve: bad flags are one error line and exit 2", async () => {
  for (const args of [["--port", "abc"], ["--bogus"]]) {
    const r = await task("serve", args);
    assertEquals(r.code, 2, args.join(" "));
    assert.ok(/^error: /m.test(r.stderr), r.stderr);
    assertEquals(r.stdout, "");
  }
});

const FIXTURES = new URL("../fixtures/results", import.meta.url).pathname;

/**
 * `site ARGS` with the `site` task's permissions, but writing only under `dir` (the task itself
 * writes only `leaderboard/dist` and its staging folders: tests/cli/sandbox_test.ts).
 */
function siteIn(dir: string, args: string[]): ReturnType<typeof runCli> {
  return runCli("site", ["--allow-read", `--allow-write=${dir}`, "--allow-env"], args);
}

Deno.test("site --out DIR builds into any folder it may write (outside leaderboard/)", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "eb-site-out-" });
  try {
    const out = `${tmp}/nested/site`;
    const r = await siteIn(tmp, ["--results", FIXTURES, "--out", out]);
    assertEquals(r.code, 0, r.stderr);
    assert.ok((await Deno.stat(`${out}/index.html`)).isFile);
    assert.ok((await Deno.stat(`${out}/.nojekyll`)).isFile);
    // A rebuild replaces the built site in place.
    const again = await siteIn(tmp, ["--results", FIXTURES, "--out", `${out}/`]);
    assertEquals(again.code, 0, again.stderr);
    assertEquals([...Deno.readDirSync(`${tmp}/nested`)].map((e) => e.name), ["site"]);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("site: an empty or all-invalid store never replaces a built site", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "eb-site-empty-" });
  try {
    const out = `${tmp}/dist`;
    assertEquals((await siteIn(tmp, ["--results", FIXTURES, "--out", out])).code, 0);
    const before = await Deno.readTextFile(`${out}/index.html`);
    await Deno.mkdir(`${tmp}/empty`);
    await Deno.mkdir(`${tmp}/invalid`);
    await Deno.writeTextFile(`${tmp}/invalid/20260101T000000Z-x.jsonl`, '{"schema":"nope"}\n');
    for (const results of [`${tmp}/empty`, `${tmp}/invalid`]) {
      const r = await siteIn(tmp, ["--results", results, "--out", out]);
      assertEquals(r.code, 2, results);
      const lines = r.stderr.trim().split("\n").filter((l) => l.startsWith("error:"));
      assertEquals(lines.length, 1, r.stderr);
      assert.ok(lines[0]!.includes("no valid cell record") && lines[0]!.includes("--allow-empty"));
      assertEquals(await Deno.readTextFile(`${out}/index.html`), before);
    }
    const forced = await siteIn(tmp, ["--results", `${tmp}/empty`, "--out", out, "--allow-empty"]);
    assertEquals(forced.code, 0, forced.stderr);
    assert.ok((await Deno.readTextFile(`${out}/index.html`)) !== before);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("site: a non-empty folder that is not a built site is never replaced", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "eb-site-guard-" });
  try {
    await Deno.writeTextFile(`${tmp}/keep.txt`, "mine");
    const r = await siteIn(tmp, ["--results", FIXTURES, "--out", tmp]);
    assertEquals(r.code, 2);
    assert.ok(r.stderr.includes("not a built site"), r.stderr);
    assertEquals(await Deno.readTextFile(`${tmp}/keep.txt`), "mine");
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

/** Copies the fixture store's run files into `dir`; returns their names and bytes. */
async function copyStore(dir: string): Promise<Map<string, string>> {
  await Deno.mkdir(dir, { recursive: true });
  const files = new Map<string, string>();
  for (const e of Deno.readDirSync(FIXTURES)) {
    if (!e.name.endsWith(".jsonl")) continue;
    const text = await Deno.readTextFile(`${FIXTURES}/${e.name}`);
    await Deno.writeTextFile(`${dir}/${e.name}`, text);
    files.set(e.name, text);
  }
  return files;
}

async function assertStoreIntact(dir: string, files: Map<string, string>): Promise<void> {
  for (const [name, text] of files) assertEquals(await Deno.readTextFile(`${dir}/${name}`), text);
}

function oneError(r: { code: number; stderr: string }, ...names: string[]): string {
  assertEquals(r.code, 2, r.stderr);
  const lines = r.stderr.trim().split("\n").filter((l) => !l.startsWith("warning: "));
  assertEquals(lines.length, 1, r.stderr);
  assert.ok(lines[0]!.startsWith("error: --out "), lines[0]!);
  for (const n of names) assert.ok(lines[0]!.includes(n), `"${n}" not in ${lines[0]}`);
  return lines[0]!;
}

Deno.test("site: an --out around the results store is refused and deletes nothing", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "eb-site-around-" });
  try {
    // A built site (so the build would replace it) that holds the store.
    const out = `${tmp}/site`;
    assertEquals((await siteIn(tmp, ["--results", FIXTURES, "--out", out])).code, 0);
    const store = `${out}/results`;
    const files = await copyStore(store);
    const r = await siteIn(tmp, ["--results", store, "--out", out]);
    oneError(r, "contains --results", store);
    await assertStoreIntact(store, files);
    assert.ok((await Deno.stat(`${out}/index.html`)).isFile);
    // The same through a symbolic link to the site: real paths are compared.
    await Deno.symlink(out, `${tmp}/link`);
    oneError(await siteIn(tmp, ["--results", `${tmp}/link/results`, "--out", out]), "contains");
    await assertStoreIntact(store, files);
    // --out equal to the store.
    oneError(await siteIn(tmp, ["--results", store, "--out", `${store}/`]), "is --results");
    await assertStoreIntact(store, files);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("site: an --out inside the results store is refused and writes nothing", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "eb-site-inside-" });
  try {
    const store = `${tmp}/store`;
    const files = await copyStore(store);
    const r = await siteIn(tmp, ["--results", store, "--out", `${store}/dist`]);
    oneError(r, "lies inside --results", store);
    await assertStoreIntact(store, files);
    assertEquals([...Deno.readDirSync(store)].map((e) => e.name).sort(), [...files.keys()].sort());
    // Nor inside the model zoo or the tasks.
    await Deno.mkdir(`${tmp}/m`);
    oneError(
      await siteIn(tmp, ["--results", store, "--out", `${tmp}/m/dist`, "--models", `${tmp}/m`]),
      "lies inside --models",
    );
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("site --models DIR: the shapes page shows the public models of DIR/shapes.json", async () => {
  const tmp = await Deno.makeTempDir({ prefix: "eb-site-shapes-" });
  try {
    const catalog = new URL("../catalog/fixtures/", import.meta.url).pathname;
    await Deno.mkdir(`${tmp}/models`);
    for (const f of ["shapes.json", "shapes.schema.json"]) {
      await Deno.copyFile(`${catalog}${f}`, `${tmp}/models/${f}`);
    }
    const runId = "20261129T120000Z-host-dddddd";
    const writer = new RunWriter(`${tmp}/results`, runId);
    const cell = shapeCell("tiny-ed", { arch: "encoder-decoder", ttft: 5, tps: 50, params: 1 });
    await writer.writeCell({ ...cell, runId, cellKey: sha256Text("tiny-ed") }, []);
    const out = `${tmp}/dist`;
    const r = await siteIn(tmp, [
      "--results",
      `${tmp}/results`,
      "--models",
      `${tmp}/models`,
      "--out",
      out,
    ]);
    assertEquals(r.code, 0, r.stderr);
    const html = await Deno.readTextFile(`${out}/shapes/index.html`);
    assert.ok(html.includes("<td>example/public-model</td>"), html);
    assert.ok(html.includes('<td class="num">1.8M</td>'), html);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});
