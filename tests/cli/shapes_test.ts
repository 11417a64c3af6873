/**
 * `deno task shapes`: list (text and `--json`), build through the builder's command line (the
 * fixture's fake `recipe/shapes.py` copies a zoo model instead of building one), the cache
 * (a current build is skipped), and the error paths (unknown id, bad catalog, a failing
 * builder): one `error:` line, exit 2. Run as subprocesses with the task's kind of grants:
 * read the catalog's folder, write its `shapes/`, run the recipe's Python.
 */
import { assert, assertEquals } from "../results/_assert.ts";
import { dirname, join } from "node:path";
import { editCatalog, ROOT, shapeFixture } from "../catalog/_shapes.ts";
import { type CliResult, runCli, task } from "./_run.ts";

/** `shapes ARGS` on the fixture catalog `file`, granted as `deno task shapes` grants models/. */
function shapes(file: string, args: readonly string[], env: Record<string, string> = {}) {
  const dir = dirname(file);
  return runCli(
    "shapes",
    [
      `--allow-read=${dir}`,
      `--allow-write=${dir}/shapes`,
      "--allow-env=RECIPE_PYTHON",
      "--allow-run=/usr/bin/python3",
    ],
    ["--catalog", file, ...args],
    { EB_FAKE_ZOO: `${ROOT}/models`, ...env },
  );
}

function oneError(r: CliResult, ...parts: string[]): void {
  assertEquals(r.code, 2, r.stderr);
  const lines = r.stderr.trim().split("\n").filter((l) => l.startsWith("error:"));
  assertEquals(lines.length, 1, r.stderr);
  for (const p of parts) assert(lines[0]!.includes(p), `${lines[0]} lacks ${p}`);
}

Deno.test("shapes list and list --json: every shape, its parameters, mirror and build state", async () => {
  const file = await shapeFixture();
  const text = await shapes(file, ["list"]);
  assertEquals(text.code, 0, text.stderr);
  assert(/tiny-dec\s+llama\s+1\.75M\s+-/.test(text.stdout), text.stdout);
  assert(
    /tiny-ed .*example\/public-model@0123abc\s+1\.76M\s+-0\.57%\s+no/.test(text.stdout),
    text.stdout,
  );
  const json = await shapes(file, ["list", "--json"]);
  assertEquals(json.code, 0, json.stderr);
  const out = JSON.parse(json.stdout);
  assertEquals(out.catalog, file);
  assertEquals(out.shapes.map((s: { id: string }) => s.id), ["tiny-dec", "tiny-ed"]);
  assertEquals(out.shapes[1].params, 1750000);
  assertEquals(out.shapes[1].mirrors.params, 1760000);
  assertEquals(out.shapes[0].built, {
    state: "missing",
    dir: join(dirname(file), "shapes", "tiny-dec"),
  });
});

Deno.test("shapes build: builds, prints time and size, skips a current build, lists it built", async () => {
  const file = await shapeFixture();
  const first = await shapes(file, ["build", "tiny-ed", "--dtype", "fp32"]);
  assertEquals(first.code, 0, first.stderr);
  const dir = join(dirname(file), "shapes", "tiny-ed");
  assert(
    new RegExp(`^tiny-ed: built in \\d+\\.\\d s, 8\\.\\d MiB \\(fp32; seed 0\\) -> ${dir}$`, "m")
      .test(first.stdout),
    first.stdout,
  );
  assert(first.stderr.includes("fake build of tiny-ed"), "the builder's progress is shown");
  const files = (await Array.fromAsync(Deno.readDir(join(dir, "onnx")))).map((e) => e.name).sort();
  assertEquals(files, ["decoder_model_merged.onnx", "encoder_model.onnx"]);
  const again = await shapes(file, ["build", "tiny-ed", "--dtype", "fp32"]);
  assertEquals(again.code, 0, again.stderr);
  assert(again.stdout.includes("tiny-ed: current build in"), again.stdout);
  assert(again.stdout.includes("skipped (--force builds it again)"), again.stdout);
  assert(!again.stderr.includes("fake build"), "a current build runs no builder");
  const listed = JSON.parse((await shapes(file, ["list", "--json"])).stdout);
  assertEquals(listed.shapes[1].built.state, "current");
  assertEquals(listed.shapes[1].built.dtypes, ["fp32"]);
  // A changed catalog entry makes it stale.
  await editCatalog(file, (c) => (c.shapes[1]!.params = 1750001));
  const stale = JSON.parse((await shapes(file, ["list", "--json"])).stdout);
  assertEquals(stale.shapes[1].built.state, "stale");
});

Deno.test("shapes: unknown id, bad catalog, bad flag, failing builder: one error line, exit 2", async () => {
  const file = await shapeFixture();
  oneError(await shapes(file, ["build", "tiny-dec", "mu"]), '"mu"', "tiny-dec, tiny-ed");
  assertEquals(
    (await Array.fromAsync(Deno.readDir(dirname(file)))).map((e) => e.name).includes("shapes"),
    false,
    "nothing built when an id is unknown",
  );
  oneError(await shapes(file, ["build", "tiny-dec", "--dtype", "fp16"]), "--dtype", "fp16");
  oneError(
    await shapes(file, ["build", "tiny-dec"], { EB_FAKE_FAIL: "1" }),
    "the shape builder failed (exit 2): fake builder told to fail",
  );
  await editCatalog(file, (c) => (c.shapes[0]!.params = "many"));
  oneError(await shapes(file, ["list"]), file, "shapes.0.params", '"many"');
  oneError(await shapes(file, []), "name a command");
});

Deno.test("shapes convert-mu: the converter into a temp sibling, renamed into place", async () => {
  const file = await shapeFixture();
  const r = await shapes(file, ["convert-mu", "/nowhere/model.pt", "--dtype", "fp32"]);
  assertEquals(r.code, 0, r.stderr);
  const out = join(dirname(file), "shapes", "mu-checkpoint");
  assert(r.stdout.startsWith("mu-checkpoint: converted in "), r.stdout);
  assert(r.stdout.trim().endsWith(`-> ${out}`), r.stdout);
  assertEquals(JSON.parse(await Deno.readTextFile(join(out, "shape.json"))).id, "mu-checkpoint");
  oneError(await shapes(file, ["convert-mu", "/nowhere/model.pt"]), "not empty", "--force");
  assertEquals((await shapes(file, ["convert-mu", "/nowhere/model.pt", "--force"])).code, 0);
});

Deno.test("deno task shapes: its own grants refuse a catalog outside models/", async () => {
  const file = await shapeFixture();
  const r = await task("shapes", ["--catalog", file, "list"]);
  oneError(r, file);
});
