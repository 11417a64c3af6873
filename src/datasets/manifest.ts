/**
 * Dataset manifests: `datasets/<name>/manifest.json` pins every split file by
 * sha256 of its uncompressed JSONL bytes. Splits may be stored as `.jsonl` or
 * `.jsonl.gz` (gzip; the hash is always of the uncompressed bytes).
 *
 * @module
 */
import { DatasetError } from "../core/errors.ts";
import type { SplitName } from "../core/sample.ts";

/** One split's entry in a manifest. */
export interface ManifestSplit {
  /** File name relative to the dataset folder, `.jsonl` or `.jsonl.gz`. */
  readonly file: string;
  /** Number of lines (examples). */
  readonly count: number;
  /** sha256 (hex) of the uncompressed JSONL bytes. */
  readonly sha256: string;
  /** Size of the uncompressed JSONL in bytes. */
  readonly bytes: number;
}

/** One parquet file a pulled split was read from. */
export interface SourceFile {
  /** Path in the Hub repository. */
  readonly path: string;
  /** Size in bytes. */
  readonly size: number;
  /** Hex sha256 of the file. */
  readonly sha256: string;
}

/** Where a pulled dataset came from: a Hub dataset's config at a commit. */
export interface PulledSource {
  /** Always `hub`. */
  readonly kind: "hub";
  /** Repository id, `org/name`. */
  readonly repo: string;
  /** The revision asked for (branch, tag or sha). */
  readonly revision: string;
  /** The commit it resolved to. */
  readonly sha: string;
  /** The config (subset). */
  readonly config: string;
  /** The parquet files of each split, in the order their rows were written. */
  readonly files: Readonly<Record<string, readonly SourceFile[]>>;
}

/** `datasets/<name>/manifest.json`. */
export interface DatasetManifest {
  /** Dataset name, equal to its folder name. */
  readonly name: string;
  /** One-line description. */
  readonly description: string;
  /** Licence of the data. */
  readonly licence: string;
  /** Generator module and version that wrote the data, e.g. `synth/qa@1`. */
  readonly generator: string;
  /** Seed the generator used. */
  readonly seed: number;
  /** Field name -> description of every field on each line. */
  readonly fields: Readonly<Record<string, string>>;
  /** The splits. */
  readonly splits: Readonly<Partial<Record<SplitName, ManifestSplit>>>;
  /** For a dataset pulled from the Hub (`datasets/hub/...`): its repository and commit. */
  readonly source?: PulledSource;
}

/** Hex sha256 of bytes or a string (UTF-8). */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Gunzips bytes when the file name ends in `.gz`; returns them as they are otherwise. */
export async function maybeGunzip(path: string, bytes: Uint8Array): Promise<Uint8Array> {
  if (!path.endsWith(".gz")) return bytes;
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(
      new DecompressionStream("gzip"),
    );
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (cause) {
    throw new DatasetError("not a valid gzip file", { file: path, cause });
  }
}

/** Gzips bytes (deterministic: no timestamp in the header). */
export async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(
    new CompressionStream("gzip"),
  );
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function join(dir: string, file: string): string {
  return dir.endsWith("/") ? `${dir}${file}` : `${dir}/${file}`;
}

/** Reads and shape-checks `<dir>/manifest.json`. */
export async function readManifest(dir: string): Promise<DatasetManifest> {
  const file = join(dir, "manifest.json");
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (cause) {
    throw new DatasetError("cannot read dataset manifest", { file, cause });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new DatasetError("manifest is not valid JSON", { file, cause });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new DatasetError("manifest must be a JSON object", { file });
  }
  const m = value as Record<string, unknown>;
  for (const key of ["name", "description", "licence", "generator"]) {
    if (typeof m[key] !== "string") {
      throw new DatasetError("expected a string", { file, field: key, value: m[key] });
    }
  }
  if (typeof m.seed !== "number") {
    throw new DatasetError("expected a number", { file, field: "seed", value: m.seed });
  }
  if (typeof m.splits !== "object" || m.splits === null) {
    throw new DatasetError("expected an object", { file, field: "splits", value: m.splits });
  }
  for (const [split, entry] of Object.entries(m.splits as Record<string, unknown>)) {
    const e = entry as Record<string, unknown> | null;
    for (const key of ["file", "sha256"]) {
      if (typeof e?.[key] !== "string") {
        throw new DatasetError("expected a string", {
          file,
          field: `splits.${split}.${key}`,
          value: e?.[key],
        });
      }
    }
    for (const key of ["count", "bytes"]) {
      if (typeof e?.[key] !== "number") {
        throw new DatasetError("expected a number", {
          file,
          field: `splits.${split}.${key}`,
          value: e?.[key],
        });
      }
    }
  }
  if (m.source !== undefined) checkSource(m.source, file);
  return value as DatasetManifest;
}

function checkSource(source: unknown, file: string): void {
  const s = source as Record<string, unknown> | null;
  if (typeof s !== "object" || s === null || s.kind !== "hub") {
    throw new DatasetError('expected {kind: "hub", ...}', { file, field: "source", value: s });
  }
  for (const key of ["repo", "revision", "sha", "config"]) {
    if (typeof s[key] !== "string") {
      throw new DatasetError("expected a string", { file, field: `source.${key}`, value: s[key] });
    }
  }
  if (typeof s.files !== "object" || s.files === null) {
    throw new DatasetError("expected an object", { file, field: "source.files", value: s.files });
  }
}

/**
 * Reads one split's uncompressed JSONL bytes and checks them against the
 * manifest's sha256; a mismatch is a DatasetError naming file, field and value.
 */
export async function readVerifiedSplit(
  dir: string,
  manifest: DatasetManifest,
  split: SplitName,
): Promise<Uint8Array> {
  const entry = manifest.splits[split];
  if (entry === undefined) {
    throw new DatasetError(`dataset "${manifest.name}" has no split "${split}"`, {
      file: join(dir, "manifest.json"),
      field: `splits.${split}`,
    });
  }
  const path = join(dir, entry.file);
  let raw: Uint8Array;
  try {
    raw = await Deno.readFile(path);
  } catch (cause) {
    throw new DatasetError("cannot read dataset split", { file: path, cause });
  }
  const bytes = await maybeGunzip(path, raw);
  const actual = await sha256Hex(bytes);
  if (actual !== entry.sha256) {
    throw new DatasetError(
      `sha256 of ${entry.file} is ${actual}, manifest says ${entry.sha256}; ` +
        "the data changed: regenerate with `deno task datasets` or restore the file",
      { file: join(dir, "manifest.json"), field: `splits.${split}.sha256`, value: entry.sha256 },
    );
  }
  return bytes;
}
