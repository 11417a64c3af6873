/**
 * Writes built datasets to disk (temp file + rename, so nothing is left half
 * written) and compares them with the committed files.
 *
 * @module
 */
import type { SplitName } from "../../core/sample.ts";
import { DatasetError } from "../../core/errors.ts";
import { gzip, maybeGunzip } from "../manifest.ts";
import { type BuiltDataset, manifestText, SPLIT_FILES } from "./build.ts";

const SPLITS: readonly SplitName[] = ["train", "validation", "test"];

function join(dir: string, file: string): string {
  return dir.endsWith("/") ? `${dir}${file}` : `${dir}/${file}`;
}

async function writeAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${crypto.randomUUID().slice(0, 8)}`;
  try {
    await Deno.writeFile(tmp, bytes);
    await Deno.rename(tmp, path);
  } catch (cause) {
    await Deno.remove(tmp).catch(() => {});
    throw new DatasetError("cannot write dataset file", { file: path, cause });
  }
}

/** The bytes of each file of a built dataset, as written (train gzipped). */
export async function datasetFiles(built: BuiltDataset): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const split of SPLITS) {
    const file = SPLIT_FILES[split];
    const bytes = built.jsonl[split];
    files.set(file, file.endsWith(".gz") ? await gzip(bytes) : bytes);
  }
  files.set("manifest.json", new TextEncoder().encode(manifestText(built.manifest)));
  return files;
}

/**
 * Writes a built dataset to `<root>/<name>/`: the split files first, the
 * manifest last, each through a temp file and a rename.
 */
export async function writeDataset(root: string, built: BuiltDataset): Promise<string[]> {
  const dir = join(root, built.manifest.name);
  await Deno.mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [file, bytes] of await datasetFiles(built)) {
    const path = join(dir, file);
    await writeAtomic(path, bytes);
    written.push(path);
  }
  return written;
}

/**
 * Compares a built dataset with the files under `<root>/<name>/`; returns one
 * line per difference (empty when identical). Gzipped files are compared by
 * their uncompressed bytes, so a different zlib does not count as a change.
 */
export async function diffDataset(root: string, built: BuiltDataset): Promise<string[]> {
  const dir = join(root, built.manifest.name);
  const problems: string[] = [];
  const want = new Map<string, Uint8Array>();
  for (const split of SPLITS) want.set(SPLIT_FILES[split], built.jsonl[split]);
  want.set("manifest.json", new TextEncoder().encode(manifestText(built.manifest)));
  for (const [file, bytes] of want) {
    const path = join(dir, file);
    let have: Uint8Array;
    try {
      have = await maybeGunzip(path, await Deno.readFile(path));
    } catch (cause) {
      if (cause instanceof Deno.errors.NotFound) {
        problems.push(`${path}: missing`);
        continue;
      }
      problems.push(`${path}: unreadable (${cause instanceof Error ? cause.message : cause})`);
      continue;
    }
    if (!sameBytes(have, bytes)) {
      problems.push(
        `${path}: differs from regenerated data (${have.length} vs ${bytes.length} bytes)`,
      );
    }
  }
  return problems;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
