/**
 * The builds of the shape catalog: each shape's folder (`<buildRoot>/<id>/`, git-ignored),
 * the key of a build (sha256 of the shape's catalog entry as canonical JSON, the seed and the
 * bytes of every `*.py` of the recipe), the stamp that says a build is complete and which key
 * it was made from, and `buildShape`, which runs the Python builder into a temporary sibling,
 * writes the stamp last and renames the folder into place, so a folder with a stamp is always
 * a whole build.
 *
 * @module
 */
import { basename, dirname, join } from "node:path";
import { ConfigError, ModelError } from "../core/errors.ts";
import { sha256File, sha256Text } from "../results/hash.ts";
import { canonicalJson } from "../results/cell_key.ts";
import type { ShapeCatalog, ShapeEntry } from "./shapes.ts";

/** The stamp file of a build (a dot file: not hashed into cell keys, see `hashModelDir`). */
export const STAMP_FILE = ".shape-stamp.json";

/** The weight variants the builder writes. */
export const SHAPE_DTYPES = ["fp32", "int8"] as const;

/** A weight variant of a shape. */
export type ShapeDtype = typeof SHAPE_DTYPES[number];

/** What a complete build states about itself. */
export interface ShapeStamp {
  /** The build key it was made from ({@linkcode shapeKey}). */
  readonly key: string;
  readonly id: string;
  readonly seed: number;
  /** The weight variants in the folder. */
  readonly dtypes: readonly ShapeDtype[];
  /** Wall time of the build, seconds. */
  readonly seconds: number;
  /** Bytes of the folder's files. */
  readonly bytes: number;
  /** When it was built (ISO time). */
  readonly builtAt: string;
}

/** Whether a shape is built: `missing`, `stale` (from another key) or `current`. */
export interface ShapeBuildStatus {
  readonly state: "missing" | "stale" | "current";
  /** The build folder. */
  readonly dir: string;
  /** The stamp of the build there, if any. */
  readonly stamp?: ShapeStamp;
}

/** The build folder of a shape. */
export function shapeDir(catalog: ShapeCatalog, id: string): string {
  return join(catalog.buildRoot, id);
}

/** sha256 of each `*.py` of the recipe folder, sorted by name (part of every build key). */
export async function recipeDigests(recipeDir: string): Promise<[string, string][]> {
  const names: string[] = [];
  try {
    for await (const e of Deno.readDir(recipeDir)) {
      if (e.isFile && e.name.endsWith(".py")) names.push(e.name);
    }
  } catch (cause) {
    throw new ConfigError("cannot read the recipe folder", { file: recipeDir, cause });
  }
  names.sort();
  const out: [string, string][] = [];
  for (const name of names) out.push([name, await sha256File(join(recipeDir, name))]);
  return out;
}

/**
 * The key of a shape's build: hex sha256 of its catalog entry (canonical JSON: keys sorted),
 * the seed and the recipe's `*.py` bytes. Equal keys mean equal builds; any change to the
 * entry, the seed or the recipe makes a build stale.
 */
export async function shapeKey(catalog: ShapeCatalog, id: string, seed: number): Promise<string> {
  const entry = catalog.raw.get(id);
  if (entry === undefined) {
    throw new ConfigError("no such shape", { file: catalog.file, value: id });
  }
  const recipe = await recipeDigests(catalog.recipeDir);
  return sha256Text(`encoder-bench/shape-key@1\n${canonicalJson({ entry, seed, recipe })}`);
}

const isStamp = (v: unknown): v is ShapeStamp => {
  const s = v as Partial<ShapeStamp> | null;
  return typeof s === "object" && s !== null && typeof s.key === "string" &&
    typeof s.id === "string" && Number.isInteger(s.seed) && Array.isArray(s.dtypes) &&
    s.dtypes.every((d) => (SHAPE_DTYPES as readonly string[]).includes(d)) &&
    typeof s.seconds === "number" && typeof s.bytes === "number" &&
    typeof s.builtAt === "string";
};

/** The stamp of a build folder, or undefined when there is none (or it is unreadable). */
export async function readStamp(dir: string): Promise<ShapeStamp | undefined> {
  try {
    const value: unknown = JSON.parse(await Deno.readTextFile(join(dir, STAMP_FILE)));
    return isStamp(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a shape is built and current: its folder has a stamp whose key is the key of the
 * catalog entry and recipe as they are now, for the stamp's seed.
 */
export async function shapeStatus(
  catalog: ShapeCatalog,
  entry: ShapeEntry,
): Promise<ShapeBuildStatus> {
  const dir = shapeDir(catalog, entry.id);
  const stamp = await readStamp(dir);
  if (stamp === undefined) return { state: "missing", dir };
  const key = await shapeKey(catalog, entry.id, stamp.seed);
  return { state: key === stamp.key ? "current" : "stale", dir, stamp };
}

/** What the builder reports on its stdout's last line (the contract's JSON line). */
export interface BuilderReport {
  readonly id: string;
  readonly params: number;
  readonly seconds: number;
  readonly files: Readonly<Record<string, number>>;
}

/** What a builder run left: its exit code, stdout, and the `error:` line it printed, if any. */
export interface BuilderResult {
  readonly code: number;
  readonly stdout: string;
  /** The builder's own `error: ...` line (without the prefix), kept off the terminal. */
  readonly error?: string;
}

/**
 * The recipe's Python: `RECIPE_PYTHON`, else Debian's `/usr/bin/python3` (torch and onnx come
 * from Debian's packages; `models/recipe/run.sh` uses the same rule).
 */
export function recipePython(): string {
  return Deno.env.get("RECIPE_PYTHON") || "/usr/bin/python3";
}

/** Runs the Python builder: `args` after the recipe's Python ({@link recipePython}). */
export type BuilderRun = (args: readonly string[]) => Promise<BuilderResult>;

/**
 * `<recipe python> ARGS`: its progress (stderr) shown as it comes, except its `error:` line, which is
 * returned so that the CLI prints one error line; its stdout collected.
 */
export const runPython: BuilderRun = async (args) => {
  let child;
  const python = recipePython();
  try {
    child = new Deno.Command(python, {
      args: [...args],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
  } catch (cause) {
    throw new ConfigError(
      "cannot start the recipe's Python (the shapes builder needs it; RECIPE_PYTHON names another)",
      { field: "RECIPE_PYTHON", value: python, cause },
    );
  }
  let error: string | undefined;
  const relay = (async () => {
    const enc = new TextEncoder();
    let buf = "";
    const flush = (line: string): void => {
      if (line.startsWith("error: ")) error = line.slice(7);
      else Deno.stderr.writeSync(enc.encode(`${line}\n`));
    };
    for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf("\n")) >= 0) {
        flush(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
      }
    }
    if (buf) flush(buf);
  })();
  const stdout = new TextDecoder().decode(await new Response(child.stdout).arrayBuffer());
  await relay;
  const { code } = await child.status;
  return { code, stdout, ...(error !== undefined ? { error } : {}) };
};

/** Options of {@linkcode buildShape}. */
export interface BuildOptions {
  /** The builder's seed. */
  readonly seed: number;
  /** Weight variants wanted. */
  readonly dtypes: readonly ShapeDtype[];
  /** Build even when a current build has them. */
  readonly force: boolean;
  /** How to run the builder (default {@link runPython}). */
  readonly run?: BuilderRun;
}

/** What {@linkcode buildShape} did. */
export interface BuildOutcome {
  /** True when a current build was kept (nothing run). */
  readonly skipped: boolean;
  readonly dir: string;
  /** The stamp of the folder now there. */
  readonly stamp: ShapeStamp;
  /** The builder's report (absent when skipped). */
  readonly report?: BuilderReport;
}

/** Bytes of a folder's files, recursively. */
export async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for await (const e of Deno.readDir(dir)) {
    const path = join(dir, e.name);
    if (e.isDirectory) total += await folderBytes(path);
    else if (e.isFile) total += (await Deno.stat(path)).size;
  }
  return total;
}

function parseReport(stdout: string, file: string): BuilderReport {
  const line = stdout.trim().split("\n").pop() ?? "";
  try {
    const r = JSON.parse(line) as BuilderReport;
    if (typeof r.params === "number" && typeof r.files === "object") return r;
  } catch { /* reported below */ }
  throw new ModelError("the builder did not end with its JSON report line", {
    file,
    field: "stdout",
    value: line,
  });
}

/** A sibling name for a temporary or outgoing folder, unique to this process and call. */
function sibling(dir: string, kind: string): string {
  const tag = `${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
  return join(dirname(dir), `.${basename(dir)}.${kind}-${tag}`);
}

/**
 * Makes a folder whole or not at all: `make` writes a temporary sibling of `dir` (given its
 * path, not yet made), then the sibling is renamed to `dir`; a folder already at `dir` is moved
 * aside first and removed after (put back if the rename fails). The sibling is removed when
 * `make` throws.
 */
export async function buildInPlace<T>(
  dir: string,
  make: (tmp: string) => Promise<T>,
): Promise<T> {
  await Deno.mkdir(dirname(dir), { recursive: true });
  const tmp = sibling(dir, "tmp");
  try {
    const result = await make(tmp);
    const aside = sibling(dir, "old");
    let moved = false;
    try {
      await Deno.rename(dir, aside);
      moved = true;
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
    try {
      await Deno.rename(tmp, dir);
    } catch (e) {
      if (moved) await Deno.rename(aside, dir).catch(() => {});
      throw e;
    }
    if (moved) await Deno.remove(aside, { recursive: true });
    return result;
  } finally {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
}

/**
 * Runs the builder (`<recipe python> recipe/shapes.py ARGS`) and checks what it left: exit 0, its JSON
 * report as the last line of stdout, a `config.json` in `out`.
 *
 * @throws {ModelError} naming the builder file and what went wrong.
 */
export async function runBuilder(
  catalog: ShapeCatalog,
  args: readonly string[],
  out: string,
  run: BuilderRun = runPython,
): Promise<BuilderReport> {
  const builder = join(catalog.recipeDir, "shapes.py");
  const { code, stdout, error } = await run([builder, ...args, "--out", out]);
  if (code !== 0) {
    throw new ModelError(
      `the shape builder failed (exit ${code}): ${error ?? "see its messages above"}`,
      { file: builder },
    );
  }
  const report = parseReport(stdout, builder);
  try {
    await Deno.stat(join(out, "config.json"));
  } catch (cause) {
    throw new ModelError("the builder wrote no config.json", { file: builder, cause });
  }
  return report;
}

/**
 * Builds one shape, unless a current build with every wanted dtype is there (and not `force`):
 * the builder writes a temporary sibling folder, the stamp is written into it last, and the
 * folder is renamed into place ({@linkcode buildInPlace}). A key unchanged keeps the dtypes
 * built before, so building `int8` after `fp32` keeps both.
 *
 * @throws {ModelError} the builder failed or left no `config.json` (nothing is replaced).
 */
export async function buildShape(
  catalog: ShapeCatalog,
  entry: ShapeEntry,
  options: BuildOptions,
): Promise<BuildOutcome> {
  const dir = shapeDir(catalog, entry.id);
  const key = await shapeKey(catalog, entry.id, options.seed);
  const old = await readStamp(dir);
  const kept = old?.key === key ? old.dtypes : [];
  if (old && !options.force && options.dtypes.every((d) => kept.includes(d))) {
    return { skipped: true, dir, stamp: old };
  }
  const dtypes = SHAPE_DTYPES.filter((d) => options.dtypes.includes(d) || kept.includes(d));
  const t0 = performance.now();
  return await buildInPlace(dir, async (tmp) => {
    const report = await runBuilder(
      catalog,
      [
        "build",
        "--catalog",
        catalog.file,
        "--id",
        entry.id,
        "--seed",
        String(options.seed),
        "--dtype",
        dtypes.join(","),
      ],
      tmp,
      options.run,
    );
    const stamp: ShapeStamp = {
      key,
      id: entry.id,
      seed: options.seed,
      dtypes,
      seconds: (performance.now() - t0) / 1000,
      bytes: await folderBytes(tmp),
      builtAt: new Date().toISOString(),
    };
    // The stamp is the last file written: a folder with one is a whole build.
    await Deno.writeTextFile(join(tmp, STAMP_FILE), JSON.stringify(stamp, null, 2) + "\n");
    return { skipped: false, dir, stamp, report };
  });
}
