/**
 * Datasets pulled from the Hugging Face Hub, in the project's sample form: a config's splits
 * as JSONL files beside a `manifest.json` like a shipped dataset's (each split's sha256 and
 * count), whose `source` pins the repository, the commit and every parquet file's sha256.
 * They live in the git-ignored `<datasets>/hub/<org>--<name>/<config>/` (`datasets/hub/` by
 * default, beside the shipped datasets, so every command's `--datasets-dir` finds them).
 * `deno task pull dataset` writes them (`writePulledDataset`); evaluation only reads them, and
 * a task whose data is not pulled names the pull to run (`pullDatasetCommand`).
 *
 * @module
 */
import { createHash } from "node:crypto";
import { dirname } from "node:path";
import type { JsonObject } from "../core/json.ts";
import type { SplitName } from "../core/sample.ts";
import { type DatasetFormat, DEFAULT_DATASET_REVISION, type HubDatasetRef } from "../core/task.ts";
import { readParquetRows } from "./loaders/parquet.ts";
import {
  type DatasetManifest,
  type ManifestSplit,
  type PulledSource,
  readManifest,
  type SourceFile,
} from "./manifest.ts";

/** The folder under the datasets folder that holds pulled datasets (git-ignored). */
export const PULLED_DIR = "hub";

/** The folder of a pulled config: `<datasets>/hub/<org>--<name>/<config>`. */
export function pulledDatasetDir(datasetsDir: string, repo: string, config: string): string {
  return `${datasetsDir.replace(/\/$/, "")}/${PULLED_DIR}/${repo.replace("/", "--")}/${config}`;
}

/** The command that pulls `ref`'s splits. */
export function pullDatasetCommand(
  ref: Pick<HubDatasetRef, "repo" | "revision" | "config">,
  splits: readonly string[],
): string {
  const rev = ref.revision === DEFAULT_DATASET_REVISION ? "" : `@${ref.revision}`;
  return `deno task pull dataset ${ref.repo}${rev} --config ${ref.config}` +
    splits.map((s) => ` --split ${s}`).join("");
}

/**
 * A Hub row in the form the local-file loader of `format` gives: SQuAD JSON rows carry
 * `is_impossible`, which the Hub's `squad_v2` rows leave to an empty answer list.
 */
export function normalizeHubRow(format: DatasetFormat, row: JsonObject): JsonObject {
  if (format !== "squad_json" || row.is_impossible !== undefined) return row;
  const answers = row.answers as JsonObject | null | undefined;
  const texts = answers?.text;
  return { ...row, is_impossible: !Array.isArray(texts) || texts.length === 0 };
}

/** One split to write: its parquet files, in shard order, each with its path in the cache. */
export interface PulledSplitFiles {
  /** The files. */
  readonly files: readonly (SourceFile & { readonly local: string })[];
}

/** What `writePulledDataset` needs. */
export interface PulledDatasetInput {
  /** The pulled config's folder (`pulledDatasetDir`). */
  readonly dir: string;
  /** Repository, revision asked for, commit and config. */
  readonly repo: string;
  readonly revision: string;
  readonly sha: string;
  readonly config: string;
  /** The licence the dataset card states, when known. */
  readonly licence?: string;
  /** The splits to write. */
  readonly splits: ReadonlyMap<string, PulledSplitFiles>;
  /** Called after each split is written (or found current). */
  readonly onSplit?: (split: string, entry: ManifestSplit, written: boolean) => void;
}

async function existing(dir: string): Promise<DatasetManifest | undefined> {
  try {
    await Deno.stat(`${dir}/manifest.json`);
  } catch (cause) {
    if (cause instanceof Deno.errors.NotFound) return undefined;
    throw cause;
  }
  return await readManifest(dir);
}

const sameFiles = (a: readonly SourceFile[] | undefined, b: readonly SourceFile[]): boolean =>
  a !== undefined && a.length === b.length &&
  a.every((f, i) => f.path === b[i]!.path && f.sha256 === b[i]!.sha256);

/** Writes one split's JSONL to `tmp`; returns its manifest entry. */
async function writeSplit(tmp: string, file: string, input: PulledSplitFiles) {
  const hash = createHash("sha256");
  const encoder = new TextEncoder();
  let count = 0;
  let bytes = 0;
  using out = await Deno.open(tmp, { write: true, create: true, truncate: true });
  for (const f of input.files) {
    await readParquetRows(f.local, async (rows) => {
      if (rows.length === 0) return;
      const chunk = encoder.encode(rows.map((r) => JSON.stringify(r) + "\n").join(""));
      hash.update(chunk);
      let at = 0;
      while (at < chunk.length) at += await out.write(chunk.subarray(at));
      count += rows.length;
      bytes += chunk.length;
    });
  }
  return { file, count, sha256: hash.digest("hex"), bytes } satisfies ManifestSplit;
}

/**
 * Converts the pulled parquet files of a config's splits into `<dir>/<split>.jsonl` and
 * updates `<dir>/manifest.json` (kept splits of the same commit stay; another commit replaces
 * them). A split whose manifest entry names the same parquet files is not rewritten. Each
 * file is written beside its place and renamed, the manifest last, so a failure leaves the
 * folder as it was.
 *
 * @throws {DatasetError} a parquet file that cannot be read, naming it.
 */
export async function writePulledDataset(input: PulledDatasetInput): Promise<DatasetManifest> {
  const before = await existing(input.dir);
  const keep = before?.source?.sha === input.sha && before.source.repo === input.repo &&
      before.source.config === input.config
    ? before
    : undefined;
  const splits: Record<string, ManifestSplit> = { ...(keep?.splits ?? {}) };
  const files: Record<string, readonly SourceFile[]> = { ...(keep?.source?.files ?? {}) };
  const renames: [string, string][] = [];
  await Deno.mkdir(input.dir, { recursive: true });
  try {
    for (const [split, part] of input.splits) {
      const source = part.files.map(({ path, size, sha256 }) => ({ path, size, sha256 }));
      const kept = splits[split];
      if (kept !== undefined && sameFiles(files[split], source)) {
        input.onSplit?.(split, kept, false);
        continue;
      }
      const file = `${split}.jsonl`;
      const tmp = `${input.dir}/${file}.${Deno.pid}.tmp`;
      renames.push([tmp, `${input.dir}/${file}`]);
      const entry = await writeSplit(tmp, file, part);
      splits[split] = entry;
      files[split] = source;
      input.onSplit?.(split, entry, true);
    }
  } catch (cause) {
    for (const [tmp] of renames) await Deno.remove(tmp).catch(() => {});
    // A first pull leaves no folder behind (a removal fails on a folder with files in it).
    for (let d = input.dir, i = 0; i < 3; i++, d = dirname(d)) {
      if (!(await Deno.remove(d).then(() => true, () => false))) break;
    }
    throw cause;
  }
  const pulled: PulledSource = {
    kind: "hub",
    repo: input.repo,
    revision: input.revision,
    sha: input.sha,
    config: input.config,
    files,
  };
  const manifest: DatasetManifest = {
    name: `${input.repo}/${input.config}`,
    description: `${input.repo} (config ${input.config}) at ${input.sha}, pulled from the ` +
      "Hugging Face Hub's parquet files",
    licence: input.licence ?? keep?.licence ?? "see the dataset card",
    generator: "hub-parquet@1",
    seed: 0,
    fields: {},
    splits: splits as DatasetManifest["splits"],
    source: pulled,
  };
  for (const [tmp, file] of renames) await Deno.rename(tmp, file);
  const tmp = `${input.dir}/manifest.json.${Deno.pid}.tmp`;
  await Deno.writeTextFile(tmp, JSON.stringify(manifest, null, 2) + "\n");
  await Deno.rename(tmp, `${input.dir}/manifest.json`);
  if (before !== undefined && keep === undefined) {
    // Another commit's splits are gone from the manifest: remove their files.
    for (const [split, entry] of Object.entries(before.splits)) {
      if (splits[split] === undefined && entry) {
        await Deno.remove(`${input.dir}/${entry.file}`).catch(() => {});
      }
    }
  }
  return manifest;
}

/** Checks a pulled manifest against the task's Hub reference: the revision it names. */
export function pulledMismatch(
  manifest: DatasetManifest,
  ref: HubDatasetRef,
  split: SplitName,
): string | undefined {
  const s = manifest.source;
  if (s === undefined) return "its manifest has no source";
  if (/^[0-9a-f]{40}$/.test(ref.revision) ? s.sha !== ref.revision : s.revision !== ref.revision) {
    return `it was pulled at ${s.repo}@${s.revision} (${s.sha}), the task reads ` +
      `${ref.repo}@${ref.revision}`;
  }
  if (manifest.splits[split] === undefined) return `split "${split}" was not pulled`;
  return undefined;
}
