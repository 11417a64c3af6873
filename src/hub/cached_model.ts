/**
 * A pulled model found in the cache alone, with no request: the commit its revision points
 * to (`refs/<revision>`, or the sha itself), its snapshot folder and the files the engine
 * needs for a dtype there. Evaluation resolves Hub models this way, so it never downloads;
 * a model not in the cache is an error that gives the `deno task pull model` command to run.
 *
 * @module
 */
import { HubError } from "../core/errors.ts";
import { RepoCache } from "./cache.ts";
import { formatRepoSpec, type RepoSpec } from "./repo_spec.ts";
import { CONFIG_FILE, selectModelFiles } from "./select_files.ts";

/** A model's files in the cache. */
export interface CachedModel {
  /** The commit. */
  readonly sha: string;
  /** Its snapshot folder. */
  readonly dir: string;
  /** The files the dtype needs, relative to `dir`, sorted. */
  readonly files: readonly string[];
}

/** The command that pulls `spec` for `dtype`. */
export function pullCommand(spec: RepoSpec, dtype: string): string {
  const rev = spec.revision === "main" ? spec.repo : formatRepoSpec(spec);
  return `deno task pull model ${rev}${dtype === "fp32" ? "" : ` --dtype ${dtype}`}`;
}

/**
 * Finds `spec` in the cache `cacheDir` for `dtype`.
 *
 * @throws {HubError} naming the cache folder and the pull command, when the revision, the
 *   snapshot or one of the files is missing.
 */
export async function cachedModel(
  spec: RepoSpec,
  o: { readonly cacheDir: string; readonly dtype: string },
): Promise<CachedModel> {
  const cache = new RepoCache(o.cacheDir, spec.repo);
  const where = formatRepoSpec(spec);
  const missing = (what: string): HubError =>
    new HubError(
      `${where} is not in the Hub cache ${o.cacheDir} (${what}); run: ${
        pullCommand(spec, o.dtype)
      }`,
    );
  const sha = await cache.cachedSha(spec.revision);
  if (sha === undefined) throw missing(`no ${cache.refFile(spec.revision)}`);
  const present = await cache.snapshotFiles(sha);
  if (!present.includes(CONFIG_FILE)) throw missing(`no ${cache.pointer(sha, CONFIG_FILE)}`);
  let files: string[];
  try {
    const config = await Deno.readTextFile(cache.pointer(sha, CONFIG_FILE));
    files = selectModelFiles(present, config, o.dtype, where);
  } catch (cause) {
    if (cause instanceof HubError) throw missing(cause.message);
    throw cause;
  }
  for (const f of files) {
    if ((await cache.cachedSize(sha, f)) === undefined) {
      throw missing(`${cache.pointer(sha, f)} is a broken link`);
    }
  }
  return { sha, dir: cache.snapshot(sha), files };
}
