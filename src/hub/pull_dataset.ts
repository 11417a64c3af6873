/**
 * `pullDataset`: the parquet files of one config of a Hub dataset at a revision into the
 * cache (`datasets--org--name/{blobs,refs,snapshots}`, as Python's `huggingface_hub` lays it
 * out), each checked against the Hub's listing (`ensureFile`, shared with `pullModel`), and
 * the commit and the files' sha256 recorded under `datasets` in the lock file. A dataset whose
 * locked files (or, offline, whose snapshot files) are all cached is done without a request.
 * Turning the files into samples is `src/datasets/pulled.ts`'s part.
 *
 * @module
 */
import { HubError } from "../core/errors.ts";
import { RepoCache } from "./cache.ts";
import { listRemoteFiles, resolveDatasetRevision } from "./client.ts";
import type { HubSettings } from "./env.ts";
import type { LockedFile } from "./lock_file.ts";
import { ensureFile, openLock, type PullEvent, saveLock, snapshotFile } from "./pull.ts";
import { formatRepoSpec, isCommitSha, type RepoSpec } from "./repo_spec.ts";
import { selectParquetFiles } from "./dataset_files.ts";

/** How to pull a dataset. */
export interface DatasetPullOptions {
  /** Endpoint, token, cache folder, offline. */
  readonly settings: HubSettings;
  /** The config (subset) to pull. */
  readonly config: string;
  /** The splits to pull; all of the config's when undefined. */
  readonly splits?: readonly string[];
  /** The lock file to read and update; none when undefined. */
  readonly lockFile?: string;
  /** Ask the Hub what the revision points to now, even when the lock names a sha. */
  readonly update?: boolean;
  /** Progress and notes. */
  readonly onEvent?: (event: PullEvent) => void;
}

/** One pulled parquet file. */
export interface PulledParquet extends LockedFile {
  /** Its path in the cache (the snapshot's link). */
  readonly local: string;
}

/** What a dataset pull left in the cache. */
export interface DatasetPullResult {
  /** The commit. */
  readonly sha: string;
  /** The licence the dataset card states, when the Hub was asked. */
  readonly licence?: string;
  /** The parquet files of each split, in shard order. */
  readonly splits: ReadonlyMap<string, readonly PulledParquet[]>;
  /** Bytes fetched over the network. */
  readonly fetched: number;
}

function pick(
  files: readonly LockedFile[],
  o: DatasetPullOptions,
  where: string,
): Map<string, LockedFile[]> {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const chosen = selectParquetFiles([...byPath.keys()], o.config, o.splits, where);
  return new Map([...chosen].map(([split, paths]) => [split, paths.map((p) => byPath.get(p)!)]));
}

function result(
  cache: RepoCache,
  sha: string,
  chosen: Map<string, LockedFile[]>,
  fetched: number,
  licence?: string,
): DatasetPullResult {
  const splits = new Map(
    [...chosen].map((
      [split, files],
    ) => [split, files.map((f) => ({ ...f, local: cache.pointer(sha, f.path) }))]),
  );
  return { sha, splits, fetched, ...(licence !== undefined ? { licence } : {}) };
}

/**
 * Pulls `config` (and `splits`) of the dataset `spec` into the cache.
 *
 * @throws {HubError} a refusal of the Hub (unknown repository or revision, a token needed),
 *   an unknown config or split, a file that does not match its hash (removed), or, offline,
 *   a dataset the cache does not hold.
 * @throws {ConfigError} a malformed lock file.
 */
export async function pullDataset(
  spec: RepoSpec,
  o: DatasetPullOptions,
): Promise<DatasetPullResult> {
  const emit = o.onEvent ?? (() => {});
  const where = formatRepoSpec(spec);
  const cache = new RepoCache(o.settings.cacheDir, spec.repo, "dataset");
  const lock = await openLock(o.lockFile);
  const entry = lock.datasets?.[where];
  const locked = entry !== undefined && o.update !== true ? entry : undefined;
  const save = (sha: string, files: LockedFile[]): Promise<void> =>
    saveLock(
      o.lockFile,
      lock,
      { repo: spec.repo, revision: spec.revision, sha, files },
      "datasets",
    );

  if (locked !== undefined) {
    let chosen: Map<string, LockedFile[]> | undefined;
    try {
      chosen = pick(locked.files, o, where);
    } catch (e) {
      if (!(e instanceof HubError)) throw e; // a config or split never locked: ask the Hub
    }
    const all = chosen ? [...chosen.values()].flat() : [];
    let cached = chosen !== undefined;
    for (const f of all) {
      if (cached && (await cache.cachedSize(locked.sha, f.path)) !== f.size) cached = false;
    }
    if (cached) {
      emit({ kind: "resolved", sha: locked.sha, from: "lock" });
      for (const f of all) emit({ kind: "cached", path: f.path, size: f.size });
      return result(cache, locked.sha, chosen!, 0);
    }
  }
  if (o.settings.offline) {
    const sha = locked?.sha ?? await cache.cachedSha(spec.revision);
    const present = sha === undefined ? [] : await cache.snapshotFiles(sha);
    if (sha === undefined || present.length === 0) {
      throw new HubError(
        `offline, and the dataset ${where} is not in the Hub cache ${cache.cacheDir} (looked ` +
          `for ${sha === undefined ? cache.refFile(spec.revision) : cache.snapshot(sha)}); ` +
          `pull it with network access first`,
      );
    }
    emit({ kind: "resolved", sha, from: "cache" });
    const chosen = new Map<string, LockedFile[]>();
    for (const [split, paths] of selectParquetFiles(present, o.config, o.splits, where)) {
      const files: LockedFile[] = [];
      for (const p of paths) {
        const file = await snapshotFile(cache, sha, p, where);
        files.push(file);
        emit({ kind: "cached", path: p, size: file.size });
      }
      chosen.set(split, files);
    }
    await save(sha, [...chosen.values()].flat());
    return result(cache, sha, chosen, 0);
  }

  let sha: string;
  let licence: string | undefined;
  if (isCommitSha(spec.revision) || locked !== undefined) {
    sha = isCommitSha(spec.revision) ? spec.revision : locked!.sha;
  } else {
    ({ sha, licence } = await resolveDatasetRevision(spec, o.settings));
  }
  emit({ kind: "resolved", sha, from: locked ? "lock" : "hub" });
  const remote = await listRemoteFiles(spec, sha, o.settings, "dataset");
  const byPath = new Map(remote.map((f) => [f.path, f]));
  const at = formatRepoSpec({ ...spec, revision: sha });
  const chosen = new Map<string, LockedFile[]>();
  let fetched = 0;
  for (const [split, paths] of selectParquetFiles([...byPath.keys()], o.config, o.splits, at)) {
    const files: LockedFile[] = [];
    for (const p of paths) {
      const got = await ensureFile(cache, spec, sha, byPath.get(p)!, o);
      fetched += got.fetched;
      files.push(got.locked);
    }
    chosen.set(split, files);
  }
  await cache.writeRef(spec.revision, sha);
  await save(sha, [...chosen.values()].flat());
  return result(cache, sha, chosen, fetched, licence);
}
