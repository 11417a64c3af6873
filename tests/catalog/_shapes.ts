/**
 * Test helpers of the shape catalog: a temporary copy of the fixture catalog
 * (`tests/catalog/fixtures/`: `shapes.json`, its schema and a fake `recipe/shapes.py` that
 * copies a zoo model instead of building one), and a built shape made without Python.
 *
 * @module
 */
import { join } from "node:path";
import { cp } from "node:fs/promises";
import type { ShapeCatalog, ShapeStamp } from "../../src/catalog/mod.ts";
import { shapeKey, STAMP_FILE } from "../../src/catalog/mod.ts";

/** Repository root, without a trailing slash. */
export const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

/** The fixture folder. */
export const FIXTURE = `${ROOT}/tests/catalog/fixtures`;

/** A fresh temporary copy of the fixture folder; returns its catalog file. */
export async function shapeFixture(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "shapes-test-" });
  await cp(FIXTURE, dir, { recursive: true });
  return join(dir, "shapes.json");
}

/** Edits the catalog file's JSON in place. */
export async function editCatalog(
  file: string,
  edit: (c: { shapes: Record<string, unknown>[] } & Record<string, unknown>) => void,
): Promise<void> {
  const c = JSON.parse(await Deno.readTextFile(file));
  edit(c);
  await Deno.writeTextFile(file, JSON.stringify(c, null, 2));
}

/**
 * Puts a zoo model's config and ONNX files (no tokenizer) into the shape's build folder with a
 * current stamp, as `deno task shapes build` would (without running the builder).
 */
export async function fakeBuild(catalog: ShapeCatalog, id: string, zooModel: string) {
  const dir = join(catalog.buildRoot, id);
  await Deno.mkdir(join(dir, "onnx"), { recursive: true });
  const src = `${ROOT}/models/${zooModel}`;
  for (const f of ["config.json", "generation_config.json"]) {
    await Deno.copyFile(join(src, f), join(dir, f));
  }
  for await (const e of Deno.readDir(join(src, "onnx"))) {
    if (!e.name.includes("_quantized")) {
      await Deno.copyFile(join(src, "onnx", e.name), join(dir, "onnx", e.name));
    }
  }
  const stamp: ShapeStamp = {
    key: await shapeKey(catalog, id, 0),
    id,
    seed: 0,
    dtypes: ["fp32"],
    seconds: 0,
    bytes: 0,
    builtAt: new Date().toISOString(),
  };
  await Deno.writeTextFile(join(dir, STAMP_FILE), JSON.stringify(stamp));
  return dir;
}
