/**
 * Lists a model folder's ONNX files (`onnx/` first, then the root) and picks
 * the files of one dtype variant with `pickLayout`.
 *
 * @module
 */
import { join } from "node:path";
import { ModelError } from "../core/errors.ts";
import { type ModelLayout, onnxFileMap, pickLayout } from "./pick_layout.ts";

export { type DecoderKind, DTYPE_SUFFIX, type ModelLayout } from "./pick_layout.ts";

async function listOnnx(dir: string): Promise<Map<string, string>> {
  const paths: string[] = [];
  for (const sub of ["onnx", "."]) {
    try {
      for await (const e of Deno.readDir(join(dir, sub))) {
        if (e.isFile || e.isSymlink) paths.push(sub === "." ? e.name : `${sub}/${e.name}`);
      }
    } catch (cause) {
      if (!(cause instanceof Deno.errors.NotFound)) {
        throw new ModelError("cannot list model folder", { file: join(dir, sub), cause });
      }
    }
  }
  return new Map([...onnxFileMap(paths)].map(([name, rel]) => [name, join(dir, rel)]));
}

/**
 * Finds the files of a model folder for a dtype.
 *
 * @throws {ModelError} unknown dtype, or a missing file (naming what was looked for
 *   and the dtypes that do exist).
 */
export async function resolveLayout(
  dir: string,
  options: { dtype: string; isEncoderDecoder: boolean },
): Promise<ModelLayout> {
  return pickLayout(await listOnnx(dir), { ...options, dir, onnxDir: join(dir, "onnx") });
}
