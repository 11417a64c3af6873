/**
 * The shape catalog: random-weight models of real architectures (`models/shapes.json`,
 * checked against `models/shapes.schema.json` with ajv), each built by the recipe's Python
 * builder into `models/shapes/<id>/` (`shape_builds.ts`). A shape is timed, never scored: its
 * weights are random, so it can tell speed and memory at a real size, never quality.
 *
 * The paths follow from the catalog file: beside it the schema (`shapes.schema.json`), the
 * recipe (`recipe/`, whose `shapes.py` builds and whose `*.py` bytes are part of a build's key)
 * and the build folders (`shapes/<id>/`).
 *
 * @module
 */
import { Ajv, type ErrorObject } from "ajv";
import { dirname, join } from "node:path";
import { schemaFault } from "../core/schema_fault.ts";
import { ConfigError } from "../core/errors.ts";

/** The default catalog file, relative to the repository root. */
export const DEFAULT_SHAPE_CATALOG = "models/shapes.json";

/** The public model a shape mirrors: its name, the revision of its config, its size, the source. */
export interface ShapeMirror {
  readonly model: string;
  readonly revision: string;
  readonly params: number;
  readonly source: string;
}

/** One shape of the catalog (the fields of the contract; the schema may allow more). */
export interface ShapeEntry {
  /** Kebab-case id, also the build folder's name. */
  readonly id: string;
  /** `t5`, `encdec_rope` (Mu), `gpt2`, `llama` or `qwen2`. */
  readonly family: string;
  readonly is_encoder_decoder: boolean;
  /** Every hyper-parameter, in the family's Hugging Face config.json names. */
  readonly config: Readonly<Record<string, unknown>>;
  /** The public model mirrored, or null for the tiny CI shapes. */
  readonly mirrors: ShapeMirror | null;
  /** Parameters of the shape as built (tied weights once). */
  readonly params: number;
  readonly tiny?: boolean;
  readonly notes?: string;
}

/** A loaded catalog and the paths that follow from its file. */
export interface ShapeCatalog {
  /** The catalog file. */
  readonly file: string;
  /** The schema it was checked against (`shapes.schema.json` beside it). */
  readonly schemaFile: string;
  /** The recipe folder (`recipe/` beside it): the builder and the files of the build key. */
  readonly recipeDir: string;
  /** The folder of the builds (`shapes/` beside it), one sub-folder per shape id. */
  readonly buildRoot: string;
  /** The shapes, in file order. */
  readonly shapes: readonly ShapeEntry[];
  /** The catalog entry of each shape as written in the file (what the build key hashes). */
  readonly raw: ReadonlyMap<string, unknown>;
}

async function readJsonFile(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (cause) {
    const why = cause instanceof Deno.errors.NotFound ? "not found" : "cannot be read";
    throw new ConfigError(`${what} ${why}`, { file, cause });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(`not valid JSON (${(cause as Error).message})`, { file, cause });
  }
}

/** The one-line error of the deepest schema violation: the field's path and its value. */
function schemaError(file: string, data: unknown, errors: ErrorObject[]): ConfigError {
  const fault = schemaFault(data, errors);
  return new ConfigError(fault.message, {
    file,
    field: fault.field || "(root)",
    ...("value" in fault ? { value: fault.value } : {}),
  });
}

/**
 * Loads the shape catalog and checks it against `shapes.schema.json` beside it (draft-07),
 * then that the ids are unique.
 *
 * @throws {ConfigError} a missing or malformed catalog or schema, or an entry the schema
 *   refuses: one line naming the file, the field (e.g. `shapes.2.params`) and its value.
 */
export async function loadShapeCatalog(file = DEFAULT_SHAPE_CATALOG): Promise<ShapeCatalog> {
  const dir = dirname(file);
  const schemaFile = join(dir, "shapes.schema.json");
  const data = await readJsonFile(file, "shape catalog");
  const schema = await readJsonFile(schemaFile, "shape catalog schema");
  let validate;
  try {
    validate = new Ajv({ allErrors: true, strict: false }).compile(schema as object);
  } catch (cause) {
    throw new ConfigError(`not a usable JSON Schema (${(cause as Error).message})`, {
      file: schemaFile,
      cause,
    });
  }
  if (!validate(data)) throw schemaError(file, data, validate.errors ?? []);
  const list = (data as { shapes?: unknown }).shapes;
  if (!Array.isArray(list)) {
    throw new ConfigError("must be an array of shapes", { file, field: "shapes" });
  }
  const raw = new Map<string, unknown>();
  list.forEach((item, i) => {
    const id = (item as { id?: unknown })?.id;
    if (typeof id !== "string" || id === "") {
      throw new ConfigError("must be a non-empty string", { file, field: `shapes.${i}.id` });
    }
    if (raw.has(id)) {
      throw new ConfigError("two shapes share this id", {
        file,
        field: `shapes.${i}.id`,
        value: id,
      });
    }
    raw.set(id, item);
  });
  return {
    file,
    schemaFile,
    recipeDir: join(dir, "recipe"),
    buildRoot: join(dir, "shapes"),
    shapes: list as ShapeEntry[],
    raw,
  };
}

/**
 * The shape with this id.
 *
 * @throws {ConfigError} an unknown id: one line listing the catalog's ids.
 */
export function findShape(catalog: ShapeCatalog, id: string, flag = "shape"): ShapeEntry {
  const entry = catalog.shapes.find((s) => s.id === id);
  if (entry) return entry;
  throw new ConfigError(
    `no such shape; the catalog has ${catalog.shapes.map((s) => s.id).join(", ") || "(none)"}`,
    { file: catalog.file, field: flag, value: id },
  );
}
