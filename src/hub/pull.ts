/**
 * `pullModel`: a Hub model at a revision into the cache, only the files the engine needs for
 * one dtype (`selectModelFiles`), each checked against the Hub's listing (`downloadToCache`),
 * the revision's ref written as Python writes it, and the lock file updated. A model whose
 * locked files (or, offline, whose snapshot) are all in the cache is done without a request.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { HubError } from "../core/errors.ts";
import { RepoCache } from "./cache.ts";
import { listRemoteFiles, type RemoteFile, resolveRevision } from "./client.ts";
import { downloadToCache, etagOf } from "./download.ts";
import type { HubSettings } from "./env.ts";
import {
  type HubLock,
  LOCK_VERSION,
  type LockedFile,
  type LockedModel,
  type LockSection,
  readHubLock,
  withModel,
  writeHubLock,
} from "./lock_file.ts";
import { formatRepoSpec, isCommitSha, type RepoSpec } from "./repo_spec.ts";
import { CONFIG_FILE, selectModelFiles } from "./select_files.ts";

/** What a pull reports while it runs. */
export type PullEvent =
  | { readonly kind: "resolved"; readonly sha: string; readonly from: "lock" | "cache" | "hub" }
  | { readonly kind: "cached"; readonly path: string; readonly size: number }
  | { readonly kind: "start"; readonly path: string; readonly size: number }
  | { readonly kind: "bytes"; readonly path: string; readonly done: number; readonly size: number }
  | {
    readonly kind: "done";
    readonly path: string;
    readonly size: number;
    readonly fetched: number;
  }
  | { readonly kind: "note"; readonly message: string };

/** How to pull. */
export interface PullOptions {
  /** Endpoint, token, cache folder, offline. */
  readonly settings: HubSettings;
  /** The dtype variant of the ONNX files (`DTYPE_SUFFIX`'s keys). */
  readonly dtype: string;
  /** The lock file to read and update; none when undefined. */
  readonly lockFile?: string;
  /** Ask the Hub what the revision points to now, even when the lock names a sha. */
  readonly update?: boolean;
  /** Progress and notes. */
  readonly onEvent?: (event: PullEvent) => void;
}

/** What a pull left in the cache. */
export interface PullResult {
  /** The commit. */
  readonly sha: string;
  /** Its snapshot folder: the model folder to evaluate. */
  readonly dir: string;
  /** The files the dtype needs, as locked. */
  readonly files: readonly LockedFile[];
  /** Bytes fetched over the network. */
  readonly fetched: number;
}

/** The hex sha256 of a file's content. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  using f = await Deno.open(path, { read: true });
  const buf = new Uint8Array(1 << 20);
  for (let n = await f.read(buf); n !== null; n = await f.read(buf)) {
    hash.update(buf.subarray(0, n));
  }
  return hash.digest("hex");
}

/** The locked files of `paths` when all are cached at their locked size; else undefined. */
async function fromLock(
  cache: RepoCache,
  entry: LockedModel,
  dtype: string,
  where: string,
): Promise<LockedFile[] | undefined> {
  const byPath = new Map(entry.files.map((f) => [f.path, f]));
  if (!byPath.has(CONFIG_FILE)) return undefined;
  if ((await cache.cachedSize(entry.sha, CONFIG_FILE)) === undefined) return undefined;
  const config = await Deno.readTextFile(cache.pointer(entry.sha, CONFIG_FILE));
  let paths: string[];
  try {
    paths = selectModelFiles([...byPath.keys()], config, dtype, where);
  } catch (e) {
    if (e instanceof HubError) return undefined; // this dtype was never locked
    throw e;
  }
  const out: LockedFile[] = [];
  for (const p of paths) {
    const f = byPath.get(p)!;
    if ((await cache.cachedSize(entry.sha, p)) !== f.size) return undefined;
    out.push(f);
  }
  return out;
}

/** Offline: the snapshot's own files for `dtype`, all present, hashed. */
async function fromSnapshot(
  cache: RepoCache,
  sha: string,
  dtype: string,
  where: string,
): Promise<LockedFile[]> {
  const present = await cache.snapshotFiles(sha);
  if (!present.includes(CONFIG_FILE)) {
    throw new HubError(`${where} has no ${CONFIG_FILE} in the cache (${cache.snapshot(sha)})`);
  }
  const config = await Deno.readTextFile(cache.pointer(sha, CONFIG_FILE));
  const out: LockedFile[] = [];
  for (const p of selectModelFiles(present, config, dtype, where)) {
    out.push(await snapshotFile(cache, sha, p, where));
  }
  return out;
}

/**
 * A file of a cached snapshot as the lock records it (its size and sha256), for offline pulls
 * of models and datasets.
 *
 * @throws {HubError} the snapshot's link points at no blob.
 */
export async function snapshotFile(
  cache: RepoCache,
  sha: string,
  path: string,
  where: string,
): Promise<LockedFile> {
  const size = await cache.cachedSize(sha, path);
  if (size === undefined) {
    throw new HubError(
      `${where}: ${path} is a broken link in the cache (${cache.pointer(sha, path)})`,
    );
  }
  return { path, size, sha256: await sha256OfFile(cache.pointer(sha, path)) };
}

/**
 * Fetches (or finds) one remote file in the cache; returns its locked form and bytes fetched.
 * Shared by the model and the dataset pulls.
 */
export async function ensureFile(
  cache: RepoCache,
  spec: RepoSpec,
  sha: string,
  file: RemoteFile,
  o: Pick<PullOptions, "settings" | "onEvent">,
): Promise<{ locked: LockedFile; fetched: number }> {
  const emit = o.onEvent ?? (() => {});
  const etag = etagOf(file);
  let cached = (await cache.cachedSize(sha, file.path)) === file.size;
  if (!cached && file.lfsSha256 !== undefined) {
    // The blob may be there already, from another revision.
    try {
      if ((await Deno.stat(cache.blob(etag))).size === file.size) {
        await cache.link(sha, file.path, etag);
        cached = true;
      }
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
    }
  }
  if (cached) {
    emit({ kind: "cached", path: file.path, size: file.size });
    const sha256 = file.lfsSha256 ?? await sha256OfFile(cache.pointer(sha, file.path));
    return { locked: { path: file.path, size: file.size, sha256 }, fetched: 0 };
  }
  emit({ kind: "start", path: file.path, size: file.size });
  const got = await downloadToCache(cache, spec, sha, file, o.settings, {
    onBytes: (done, size) => emit({ kind: "bytes", path: file.path, done, size }),
    onNote: (message) => emit({ kind: "note", message }),
  });
  emit({ kind: "done", path: file.path, size: file.size, fetched: got.fetched });
  return { locked: { path: file.path, size: file.size, sha256: got.sha256 }, fetched: got.fetched };
}

/** The lock file's content, or an empty lock when there is no lock file. */
export async function openLock(lockFile: string | undefined): Promise<HubLock> {
  return lockFile === undefined
    ? { version: LOCK_VERSION, models: {} }
    : await readHubLock(lockFile);
}

/**
 * Records `entry` in `section` of the lock file (models or datasets); writes only when the
 * lock changes, and nothing without a lock file.
 */
export async function saveLock(
  lockFile: string | undefined,
  lock: HubLock,
  entry: LockedModel,
  section: LockSection = "models",
): Promise<void> {
  if (lockFile === undefined) return;
  const next = withModel(lock, entry, section);
  if (JSON.stringify(next) !== JSON.stringify(lock)) await writeHubLock(lockFile, next);
}

/**
 * Pulls `spec` into the cache.
 *
 * @throws {HubError} a refusal of the Hub (unknown repo, revision or file; a token needed),
 *   a file that does not match its hash, or, offline, a model the cache does not hold.
 * @throws {ConfigError} a malformed lock file.
 */
export async function pullModel(spec: RepoSpec, o: PullOptions): Promise<PullResult> {
  const emit = o.onEvent ?? (() => {});
  const where = formatRepoSpec(spec);
  const cache = new RepoCache(o.settings.cacheDir, spec.repo);
  const lock = await openLock(o.lockFile);
  const entry = lock.models[where];
  const locked = entry !== undefined && o.update !== true ? entry : undefined;
  const done = (sha: string, files: LockedFile[], fetched: number): PullResult => ({
    sha,
    dir: cache.snapshot(sha),
    files,
    fetched,
  });

  if (locked !== undefined) {
    const files = await fromLock(cache, locked, o.dtype, where);
    if (files !== undefined) {
      emit({ kind: "resolved", sha: locked.sha, from: "lock" });
      for (const f of files) emit({ kind: "cached", path: f.path, size: f.size });
      await saveLock(o.lockFile, lock, { ...locked, files });
      return done(locked.sha, files, 0);
    }
  }
  if (o.settings.offline) {
    if (locked !== undefined) {
      throw new HubError(
        `offline, and the Hub cache ${cache.cacheDir} lacks files of ${where} at ${locked.sha} ` +
          `(locked in ${o.lockFile}); pull it with network access first`,
      );
    }
    const sha = await cache.cachedSha(spec.revision);
    if (sha === undefined || (await cache.snapshotFiles(sha)).length === 0) {
      throw new HubError(
        `offline, and ${where} is not in the Hub cache ${cache.cacheDir} (looked for ` +
          `${sha === undefined ? cache.refFile(spec.revision) : cache.snapshot(sha)}); ` +
          `pull it with network access first`,
      );
    }
    emit({ kind: "resolved", sha, from: "cache" });
    const files = await fromSnapshot(cache, sha, o.dtype, where);
    for (const f of files) emit({ kind: "cached", path: f.path, size: f.size });
    await saveLock(o.lockFile, lock, { repo: spec.repo, revision: spec.revision, sha, files });
    return done(sha, files, 0);
  }

  const sha = isCommitSha(spec.revision)
    ? spec.revision
    : locked?.sha ?? await resolveRevision(spec, o.settings);
  emit({ kind: "resolved", sha, from: locked ? "lock" : "hub" });
  const remote = await listRemoteFiles(spec, sha, o.settings);
  const byPath = new Map(remote.map((f) => [f.path, f]));
  const config = byPath.get(CONFIG_FILE);
  if (config === undefined) {
    throw new HubError(
      `file not found: ${formatRepoSpec({ ...spec, revision: sha })}: ` +
        `${CONFIG_FILE} (not a model repository the engine can run)`,
    );
  }
  let fetched = 0;
  const files: LockedFile[] = [];
  const first = await ensureFile(cache, spec, sha, config, o);
  fetched += first.fetched;
  const configText = await Deno.readTextFile(cache.pointer(sha, CONFIG_FILE));
  for (const path of selectModelFiles([...byPath.keys()], configText, o.dtype, where)) {
    if (path === CONFIG_FILE) {
      files.push(first.locked);
      continue;
    }
    const got = await ensureFile(cache, spec, sha, byPath.get(path)!, o);
    fetched += got.fetched;
    files.push(got.locked);
  }
  await cache.writeRef(spec.revision, sha);
  await saveLock(o.lockFile, lock, { repo: spec.repo, revision: spec.revision, sha, files });
  return done(sha, files, fetched);
}
