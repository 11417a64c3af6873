/**
 * Which parquet files of a dataset commit hold a config's splits. Two layouts are read, both
 * by path alone (no dataset card needed):
 *
 * - the Hub's parquet export (the `refs/convert/parquet` branch):
 *   `<config>/<split>/NNNN.parquet`, `<config>/partial-<split>/NNNN.parquet` (a split cut to
 *   its first 5 GB), and the older `<config>/<name>-<split>[-NNNNN-of-NNNNN].parquet`;
 * - a repository's own files as `datasets`' `push_to_hub` writes them:
 *   `<config>/<split>-NNNNN-of-NNNNN.parquet`, and `data/<split>-NNNNN-of-NNNNN.parquet` for
 *   the config `default`.
 *
 * @module
 */
import { HubError } from "../core/errors.ts";

/** The parquet files of each split of each config, paths sorted (the shards in order). */
export type ParquetLayout = Map<string, Map<string, string[]>>;

const SHARD = /^(.+)-\d{5}-of-\d{5}\.parquet$/;

/** The (config, split) a path holds, or undefined when it is not a split's parquet file. */
function place(path: string): { config: string; split: string } | undefined {
  if (!path.endsWith(".parquet")) return undefined;
  const parts = path.split("/");
  if (parts.length === 3) {
    const [config, dir] = parts as [string, string, string];
    return { config, split: dir.replace(/^partial-/, "") };
  }
  if (parts.length !== 2) return undefined;
  const [dir, file] = parts as [string, string];
  const config = dir === "data" ? "default" : dir;
  const shard = SHARD.exec(file);
  if (shard) {
    const name = shard[1]!;
    // `<split>-NNNNN-of-NNNNN` (push_to_hub), or `<name>-<split>-NNNNN-of-NNNNN` (old export).
    return { config, split: dir === "data" ? name : name.slice(name.lastIndexOf("-") + 1) };
  }
  const base = file.slice(0, -".parquet".length);
  return { config, split: base.slice(base.lastIndexOf("-") + 1) };
}

/** Groups a commit's paths by config and split. */
export function parquetLayout(paths: readonly string[]): ParquetLayout {
  const out: ParquetLayout = new Map();
  for (const path of [...paths].sort()) {
    const at = place(path);
    if (at === undefined) continue;
    const splits = out.get(at.config) ?? new Map<string, string[]>();
    out.set(at.config, splits);
    splits.set(at.split, [...(splits.get(at.split) ?? []), path]);
  }
  return out;
}

/**
 * The files of `config`'s splits (all of them, or those named), by split.
 *
 * @throws {HubError} naming the dataset (`where`) and what it has, when it has no parquet
 *   file, no such config, or no such split.
 */
export function selectParquetFiles(
  paths: readonly string[],
  config: string,
  splits: readonly string[] | undefined,
  where: string,
): Map<string, string[]> {
  const layout = parquetLayout(paths);
  if (layout.size === 0) {
    throw new HubError(
      `${where} has no parquet files (the Hub's parquet export is the refs/convert/parquet ` +
        `branch: name no revision, or @refs/convert/parquet)`,
    );
  }
  const bySplit = layout.get(config);
  if (bySplit === undefined) {
    throw new HubError(
      `${where} has no config "${config}" (--config: one of ${[...layout.keys()].join(", ")})`,
    );
  }
  if (splits === undefined) return bySplit;
  const out = new Map<string, string[]>();
  for (const split of splits) {
    const files = bySplit.get(split);
    if (files === undefined) {
      throw new HubError(
        `${where} config "${config}" has no split "${split}" (--split: one of ` +
          `${[...bySplit.keys()].join(", ")})`,
      );
    }
    out.set(split, files);
  }
  return out;
}
