/**
 * Hub models in the catalog: a `--models` item with a `/` (`ORG/NAME[@REV]`) is a Hugging
 * Face Hub repository, found in the Hub cache with no request (`cachedModel`: evaluation
 * never downloads; a model not pulled is an error giving the `deno task pull model` command).
 * Its id is the repository id, its folder the snapshot, and its files (the ones the engine
 * needs for the dtype) are what its cell key hashes.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";
import { cachedModel, hubCacheDir, isRepoSpec, parseRepoSpec } from "../hub/mod.ts";
import { type ModelEntry, readModelEntry } from "./models.ts";

/** Whether a `--models` item names a Hub repository (it has a `/`). */
export const isHubModelSpec = isRepoSpec;

/** How to read Hub models. */
export interface HubModelOptions {
  /** The Hub cache folder (default: from the environment, `hubCacheDir`). */
  readonly cacheDir?: string;
  /** The dtype variant (default fp32). */
  readonly dtype?: string;
  /** The flag the specs came from, for errors (default `--models`). */
  readonly flag?: string;
}

/**
 * The catalog entries of Hub model specs (`ORG/NAME[@REV]`), from the cache.
 *
 * @throws {ConfigError} a malformed spec, a glob, the same repository twice.
 * @throws {HubError} a model not in the cache (naming the cache and the pull command).
 */
export async function readHubModels(
  specs: readonly string[],
  o: HubModelOptions = {},
): Promise<ModelEntry[]> {
  const flag = o.flag ?? "--models";
  const dtype = o.dtype ?? "fp32";
  const seen = new Set<string>();
  const out: ModelEntry[] = [];
  for (const text of specs) {
    if (/[*?]/.test(text)) {
      throw new ConfigError("a Hub repository id cannot be a glob", { field: flag, value: text });
    }
    const spec = parseRepoSpec(text, flag);
    if (seen.has(spec.repo)) {
      throw new ConfigError("names a Hub repository twice (a model's id is its repository)", {
        field: flag,
        value: text,
      });
    }
    seen.add(spec.repo);
    const found = await cachedModel(spec, { cacheDir: o.cacheDir ?? hubCacheDir(), dtype });
    const entry = await readModelEntry(found.dir, dtype);
    out.push({
      ...entry,
      id: spec.repo,
      info: { ...entry.info, id: spec.repo, role: "external" },
      files: found.files,
    });
  }
  return out;
}
