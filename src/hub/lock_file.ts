/**
 * The Hub lock file (`hub.lock.json` by default, committed with a suite): for each model
 * (`models`) and dataset (`datasets`) asked for as `org/name@revision`, the commit sha it
 * resolved to and the path, size and sha256 of every file pulled. A pull of a locked model uses the locked sha, so it asks the
 * Hub nothing when the cache has the files. Written through a temp file and a rename, keys
 * and files sorted, so it diffs well.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";

/** The lock file a pull reads and updates when `--lock` names none. */
export const DEFAULT_LOCK_FILE = "hub.lock.json";

/** Version of the lock file's format. */
export const LOCK_VERSION = 1;

/** One pulled file. */
export interface LockedFile {
  /** Path in the repository. */
  readonly path: string;
  /** Size in bytes. */
  readonly size: number;
  /** Hex sha256 of the content. */
  readonly sha256: string;
}

/** One model at one requested revision. */
export interface LockedModel {
  /** `org/name`. */
  readonly repo: string;
  /** The revision asked for (branch, tag or sha). */
  readonly revision: string;
  /** The commit it resolved to. */
  readonly sha: string;
  /** The files pulled, sorted by path. */
  readonly files: readonly LockedFile[];
}

/** The whole lock file. */
export interface HubLock {
  /** Format version ({@linkcode LOCK_VERSION}). */
  readonly version: number;
  /** Models by `org/name@revision`. */
  readonly models: Readonly<Record<string, LockedModel>>;
  /** Datasets by `org/name@revision` (the parquet files pulled); absent when none. */
  readonly datasets?: Readonly<Record<string, LockedModel>>;
}

/** The sections of a lock file: one per kind of repository. */
export type LockSection = "models" | "datasets";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function lockedFile(v: unknown, file: string, field: string): LockedFile {
  if (!isObj(v)) throw new ConfigError("must be an object", { file, field, value: v });
  const { path, size, sha256 } = v;
  if (typeof path !== "string" || path === "") {
    throw new ConfigError("must be a path", { file, field: `${field}.path`, value: path });
  }
  if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) {
    throw new ConfigError("must be a size in bytes", { file, field: `${field}.size`, value: size });
  }
  if (typeof sha256 !== "string" || !/^[0-9a-f]{64}$/.test(sha256)) {
    throw new ConfigError("must be a hex sha256", {
      file,
      field: `${field}.sha256`,
      value: sha256,
    });
  }
  return { path, size, sha256 };
}

function lockedModel(
  v: unknown,
  file: string,
  key: string,
  section: LockSection = "models",
): LockedModel {
  const field = `${section}.${key}`;
  if (!isObj(v)) throw new ConfigError("must be an object", { file, field, value: v });
  for (const name of ["repo", "revision", "sha"] as const) {
    if (typeof v[name] !== "string" || v[name] === "") {
      throw new ConfigError("must be a string", {
        file,
        field: `${field}.${name}`,
        value: v[name],
      });
    }
  }
  if (!/^[0-9a-f]{40}$/.test(v.sha as string)) {
    throw new ConfigError("must be a commit sha", { file, field: `${field}.sha`, value: v.sha });
  }
  if (`${v.repo}@${v.revision}` !== key) {
    throw new ConfigError(`does not match its key ${key}`, {
      file,
      field: `${field}.repo`,
      value: v.repo,
    });
  }
  if (!Array.isArray(v.files)) {
    throw new ConfigError("must be a list", { file, field: `${field}.files`, value: v.files });
  }
  return {
    repo: v.repo as string,
    revision: v.revision as string,
    sha: v.sha as string,
    files: v.files.map((f, i) => lockedFile(f, file, `${field}.files[${i}]`)),
  };
}

/** Reads a lock file; an empty lock when there is none. @throws {ConfigError} a bad field. */
export async function readHubLock(file: string): Promise<HubLock> {
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (cause) {
    if (cause instanceof Deno.errors.NotFound) return { version: LOCK_VERSION, models: {} };
    throw new ConfigError("cannot read the lock file", { file, cause });
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(`not valid JSON (${(cause as Error).message})`, { file });
  }
  if (!isObj(v)) throw new ConfigError("not a JSON object", { file });
  if (v.version !== LOCK_VERSION) {
    throw new ConfigError(`unknown version (this code reads ${LOCK_VERSION})`, {
      file,
      field: "version",
      value: v.version,
    });
  }
  if (!isObj(v.models)) {
    throw new ConfigError("must be an object", { file, field: "models", value: v.models });
  }
  const models: Record<string, LockedModel> = {};
  for (const [key, m] of Object.entries(v.models)) models[key] = lockedModel(m, file, key);
  if (v.datasets === undefined) return { version: LOCK_VERSION, models };
  if (!isObj(v.datasets)) {
    throw new ConfigError("must be an object", { file, field: "datasets", value: v.datasets });
  }
  const datasets: Record<string, LockedModel> = {};
  for (const [key, d] of Object.entries(v.datasets)) {
    datasets[key] = lockedModel(d, file, key, "datasets");
  }
  return { version: LOCK_VERSION, models, datasets };
}

/**
 * The lock with `model` set in `section` (its files merged with those already locked at the
 * same sha).
 */
export function withModel(
  lock: HubLock,
  model: LockedModel,
  section: LockSection = "models",
): HubLock {
  const key = `${model.repo}@${model.revision}`;
  const entries = lock[section] ?? {};
  const before = entries[key];
  const files = new Map<string, LockedFile>();
  if (before?.sha === model.sha) { for (const f of before.files) files.set(f.path, f); }
  for (const f of model.files) files.set(f.path, f);
  const merged: LockedModel = {
    ...model,
    files: [...files.values()].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  };
  const next: Record<string, LockedModel> = {};
  for (const k of [...new Set([...Object.keys(entries), key])].sort()) {
    next[k] = k === key ? merged : entries[k]!;
  }
  const datasets = section === "datasets" ? next : lock.datasets;
  return {
    version: LOCK_VERSION,
    models: section === "models" ? next : lock.models,
    ...(datasets !== undefined ? { datasets } : {}),
  };
}

/** Writes a lock file through `<file>.tmp` and a rename. */
export async function writeHubLock(file: string, lock: HubLock): Promise<void> {
  const tmp = `${file}.tmp`;
  await Deno.writeTextFile(tmp, JSON.stringify(lock, null, 2) + "\n");
  await Deno.rename(tmp, file);
}
