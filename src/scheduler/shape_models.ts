/**
 * The shapes eval times (`--shapes`): selected from the shape catalog by id or glob, each
 * required to be built and current (its stamp's key is the key of its catalog entry and recipe
 * now), read as a model folder and hashed like any model, with role `shape` and the catalog's
 * parameter count.
 *
 * @module
 */
import {
  findShape,
  loadShapeCatalog,
  readModelEntry,
  type ShapeCatalog,
  shapeStatus,
} from "../catalog/mod.ts";
import { ConfigError } from "../core/errors.ts";
import type { ModelInfo } from "../core/record.ts";
import { hashModelDir } from "../results/hash.ts";
import type { PlannableModel } from "./plan.ts";
import { selectIds } from "./select.ts";

/** One selected shape as a model to plan. */
async function shapeModel(catalog: ShapeCatalog, id: string): Promise<PlannableModel> {
  const shape = findShape(catalog, id, "--shapes");
  const status = await shapeStatus(catalog, shape);
  if (status.state !== "current") {
    const why = status.state === "missing"
      ? "is not built"
      : "was built from another catalog entry, seed or recipe";
    throw new ConfigError(`shape "${id}" ${why}: run deno task shapes build ${id}`, {
      file: status.dir,
    });
  }
  const entry = await readModelEntry(status.dir);
  const hash = await hashModelDir(entry.dir);
  const info: ModelInfo = {
    ...entry.info,
    id: shape.id,
    role: "shape",
    distilled: false,
    params: { total: shape.params },
    bytes: hash.onnxBytes,
    sha256: hash.sha256,
  };
  return { entry: { ...entry, id: shape.id, info }, info };
}

/**
 * The shapes matching `patterns` (ids or globs), in catalog order, ready to plan.
 *
 * @throws {ConfigError} a bad catalog, a pattern matching no id (the line lists the ids), or a
 *   shape that is not built or not current (the line says how to build it).
 */
export async function shapeModels(
  catalogFile: string,
  patterns: readonly string[],
): Promise<PlannableModel[]> {
  const catalog = await loadShapeCatalog(catalogFile);
  const ids = selectIds(catalog.shapes.map((s) => s.id), patterns, "--shapes");
  const out: PlannableModel[] = [];
  for (const id of ids) out.push(await shapeModel(catalog, id));
  return out;
}
