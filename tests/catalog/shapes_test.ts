/**
 * The shape catalog: loading and schema checks (one error naming file, field and value), the
 * build key (entry, seed and recipe bytes; key order of the entry aside), the build status and
 * `buildShape` (temporary sibling, stamp last, rename; skipped when current), with a fake
 * builder run in this process.
 */
import { assert, assertEquals, assertRejects, assertThrows } from "../results/_assert.ts";
import { join } from "node:path";
import {
  buildShape,
  findShape,
  loadShapeCatalog,
  readStamp,
  shapeKey,
  shapeStatus,
  STAMP_FILE,
} from "../../src/catalog/mod.ts";
import type { BuilderRun } from "../../src/catalog/shape_builds.ts";
import { ConfigError, ModelError } from "../../src/core/errors.ts";
import { editCatalog, FIXTURE, shapeFixture } from "./_shapes.ts";

Deno.test("the fixture catalog loads, with the paths beside it", async () => {
  const c = await loadShapeCatalog(`${FIXTURE}/shapes.json`);
  assertEquals(c.shapes.map((s) => s.id), ["tiny-dec", "tiny-ed"]);
  assertEquals(c.schemaFile, `${FIXTURE}/shapes.schema.json`);
  assertEquals(c.recipeDir, `${FIXTURE}/recipe`);
  assertEquals(c.buildRoot, `${FIXTURE}/shapes`);
  assertEquals(findShape(c, "tiny-ed").is_encoder_decoder, true);
});

Deno.test("an unknown shape id is one error listing the ids", async () => {
  const c = await loadShapeCatalog(`${FIXTURE}/shapes.json`);
  const e = assertThrows(() => findShape(c, "mu"), ConfigError);
  assert(e.message.includes('"mu"') && e.message.includes("tiny-dec, tiny-ed"), e.message);
});

/** The error a catalog edited by `edit` gets. */
async function badCatalog(
  edit: Parameters<typeof editCatalog>[1],
): Promise<{ file: string; message: string }> {
  const file = await shapeFixture();
  await editCatalog(file, edit);
  const e = await assertRejects(() => loadShapeCatalog(file), ConfigError);
  assert(!e.message.includes("\n"), e.message);
  return { file, message: e.message };
}

Deno.test("a bad catalog is one error naming the file, the field and the value", async () => {
  let r = await badCatalog((c) => (c.shapes[1]!.params = -5));
  assert(r.message.startsWith(`${r.file}: field "shapes.1.params" = -5:`), r.message);
  r = await badCatalog((c) => (c.shapes[0]!.family = "bert"));
  assert(r.message.includes('field "shapes.0.family" = "bert"'), r.message);
  assert(r.message.includes('"llama"'), r.message);
  r = await badCatalog((c) => delete c.shapes[0]!.mirrors);
  assert(r.message.includes('field "shapes.0.mirrors": is required'), r.message);
  r = await badCatalog((c) => (c.shapes[1]!.colour = "red"));
  assert(r.message.includes('field "shapes.1.colour"'), r.message);
  r = await badCatalog((c) => (c.shapes[1]!.id = "tiny-dec"));
  assert(r.message.includes('field "shapes.1.id" = "tiny-dec": two shapes share'), r.message);
});

Deno.test("a catalog that is not JSON, or has no schema beside it, is one error", async () => {
  const file = await shapeFixture();
  await Deno.writeTextFile(file, "{ not json");
  let e = await assertRejects(() => loadShapeCatalog(file), ConfigError);
  assert(e.message.startsWith(`${file}: not valid JSON`), e.message);
  const other = await shapeFixture();
  await Deno.remove(join(other, "..", "shapes.schema.json"));
  e = await assertRejects(() => loadShapeCatalog(other), ConfigError);
  assert(e.message.includes("shapes.schema.json: shape catalog schema not found"), e.message);
});

Deno.test("the build key: entry, seed and recipe bytes, not the entry's key order", async () => {
  const file = await shapeFixture();
  const key = async (id = "tiny-dec", seed = 0) => shapeKey(await loadShapeCatalog(file), id, seed);
  const base = await key();
  assertEquals(base, await key());
  assert(/^[0-9a-f]{64}$/.test(base));
  assert(base !== await key("tiny-dec", 1), "the seed is part of the key");
  assert(base !== await key("tiny-ed"), "each shape has its own key");
  // Key order inside the entry does not matter; another entry's change does not either.
  await editCatalog(file, (c) => {
    c.shapes[0] = Object.fromEntries(Object.entries(c.shapes[0]!).reverse());
    c.shapes[1]!.notes = "changed";
  });
  assertEquals(await key(), base);
  await editCatalog(file, (c) => (c.shapes[0]!.config = { ...c.shapes[0]!.config!, x: 1 }));
  const edited = await key();
  assert(edited !== base, "a changed config changes the key");
  await Deno.writeTextFile(join(file, "..", "recipe", "arch.py"), "VERSION = 2\n", {
    append: true,
  });
  assert(await key() !== edited, "a changed recipe file changes the key");
});

/** A builder that writes what the contract asks (config.json, its JSON line), counting calls. */
function fakeRun(calls: string[][], fail = false): BuilderRun {
  return async (args) => {
    calls.push([...args]);
    if (fail) return { code: 2, stdout: "" };
    const out = args[args.indexOf("--out") + 1]!;
    await Deno.mkdir(join(out, "onnx"), { recursive: true });
    await Deno.writeTextFile(join(out, "config.json"), '{"model_type":"llama"}');
    await Deno.writeTextFile(join(out, "onnx", "model.onnx"), "x".repeat(1000));
    return {
      code: 0,
      stdout: 'progress\n{"id":"tiny-dec","params":1750000,"seconds":0,"files":{}}',
    };
  };
}

Deno.test("buildShape: temp sibling, stamp last, rename; skipped when current", async () => {
  const file = await shapeFixture();
  const catalog = await loadShapeCatalog(file);
  const shape = findShape(catalog, "tiny-dec");
  assertEquals((await shapeStatus(catalog, shape)).state, "missing");
  const calls: string[][] = [];
  const run = fakeRun(calls);
  const first = await buildShape(catalog, shape, { seed: 0, dtypes: ["fp32"], force: false, run });
  assertEquals(first.skipped, false);
  assertEquals(first.dir, join(catalog.buildRoot, "tiny-dec"));
  const args = calls[0]!;
  assertEquals(args.slice(0, 9), [
    join(catalog.recipeDir, "shapes.py"),
    "build",
    "--catalog",
    file,
    "--id",
    "tiny-dec",
    "--seed",
    "0",
    "--dtype",
  ]);
  // The builder wrote a temporary sibling, renamed into place; nothing else is left.
  const out = args[args.indexOf("--out") + 1]!;
  assert(out.startsWith(join(catalog.buildRoot, ".tiny-dec.tmp-")), out);
  const left = (await Array.fromAsync(Deno.readDir(catalog.buildRoot))).map((e) => e.name);
  assertEquals(left, ["tiny-dec"]);
  const stamp = await readStamp(first.dir);
  assertEquals(stamp?.key, await shapeKey(catalog, "tiny-dec", 0));
  assertEquals([stamp?.dtypes, stamp?.bytes], [["fp32"], 1000 + 22]);
  assertEquals((await shapeStatus(catalog, shape)).state, "current");
  // Current: skipped, the builder not run.
  const again = await buildShape(catalog, shape, { seed: 0, dtypes: ["fp32"], force: false, run });
  assertEquals([again.skipped, calls.length], [true, 1]);
  // Another dtype: built again, keeping the first one.
  const both = await buildShape(catalog, shape, { seed: 0, dtypes: ["int8"], force: false, run });
  assertEquals([both.skipped, both.stamp.dtypes, calls.length], [false, ["fp32", "int8"], 2]);
  assertEquals(calls[1]![calls[1]!.indexOf("--dtype") + 1], "fp32,int8");
  // --force builds a current shape again; another seed is another key.
  await buildShape(catalog, shape, { seed: 0, dtypes: ["fp32"], force: true, run });
  await buildShape(catalog, shape, { seed: 3, dtypes: ["fp32"], force: false, run });
  assertEquals(calls.length, 4);
  assertEquals((await readStamp(first.dir))?.seed, 3);
  // A changed recipe makes the build stale.
  await Deno.writeTextFile(join(catalog.recipeDir, "arch.py"), "VERSION = 9\n");
  assertEquals((await shapeStatus(catalog, shape)).state, "stale");
});

Deno.test("buildShape: a failing builder leaves the earlier build and no temp folder", async () => {
  const catalog = await loadShapeCatalog(await shapeFixture());
  const shape = findShape(catalog, "tiny-dec");
  const calls: string[][] = [];
  await buildShape(catalog, shape, {
    seed: 0,
    dtypes: ["fp32"],
    force: false,
    run: fakeRun(calls),
  });
  const before = await Deno.readTextFile(join(catalog.buildRoot, "tiny-dec", STAMP_FILE));
  const e = await assertRejects(
    () =>
      buildShape(catalog, shape, {
        seed: 0,
        dtypes: ["fp32"],
        force: true,
        run: fakeRun(calls, true),
      }),
    ModelError,
  );
  assert(e.message.includes("the shape builder failed (exit 2"), e.message);
  assertEquals(await Deno.readTextFile(join(catalog.buildRoot, "tiny-dec", STAMP_FILE)), before);
  const left = (await Array.fromAsync(Deno.readDir(catalog.buildRoot))).map((e) => e.name);
  assertEquals(left, ["tiny-dec"]);
  // A builder that exits 0 without its report line is refused too.
  const silent: BuilderRun = async (args) => {
    await fakeRun([])(args);
    return { code: 0, stdout: "done\n" };
  };
  const quiet = await assertRejects(
    () => buildShape(catalog, shape, { seed: 0, dtypes: ["fp32"], force: true, run: silent }),
    ModelError,
  );
  assert(quiet.message.includes("JSON report line"), quiet.message);
});
