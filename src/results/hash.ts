/**
 * Content hashes: sha256 of strings, files (streamed) and model folders.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { ModelError } from "../core/errors.ts";
import { sha256Text } from "./sha256_text.ts";

export { sha256Text };

/** Hex sha256 of a file's bytes, read in chunks so large ONNX files need no extra memory. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  using file = await Deno.open(path, { read: true });
  const buf = new Uint8Array(1 << 20);
  while (true) {
    const n = await file.read(buf);
    if (n === null) break;
    hash.update(buf.subarray(0, n));
  }
  return hash.digest("hex");
}

/** One hashed file of a model folder. */
export interface HashedFile {
  /** Path relative to the model folder, with `/` separators. */
  readonly path: string;
  /** Hex sha256 of the file. */
  readonly sha256: string;
  /** Size in bytes. */
  readonly bytes: number;
}

/** The content identity of a model folder. */
export interface ModelHash {
  /** sha256 over the sorted `path  sha256` lines of every hashed file. */
  readonly sha256: string;
  /** Every hashed file, sorted by path. */
  readonly files: readonly HashedFile[];
  /** Total bytes of the `.onnx` / `.onnx_data` files. */
  readonly onnxBytes: number;
}

/** Files that describe a model but do not change what it computes; not hashed. */
function isMetadata(path: string): boolean {
  const base = path.split("/").pop() ?? path;
  return base === "card.json" || base.toLowerCase().endsWith(".md") || base.startsWith(".");
}

async function listFiles(root: string, rel = ""): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(rel ? `${root}/${rel}` : root)) {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory) out.push(...await listFiles(root, path));
    else if (entry.isFile || entry.isSymlink) out.push(path);
  }
  return out;
}

/**
 * Hashes every file of a model folder (recursively) except metadata
 * (`card.json`, `*.md`, dot files): the model's identity in cell keys, so two
 * folders with the same files share results and a changed file never reuses them.
 * `only` (paths relative to `dir`) hashes those files instead of listing the folder:
 * a Hub snapshot's files for one dtype.
 */
export async function hashModelDir(dir: string, only?: readonly string[]): Promise<ModelHash> {
  let paths: string[];
  try {
    paths = (only ? [...only] : await listFiles(dir)).filter((p) => !isMetadata(p)).sort();
  } catch (cause) {
    throw new ModelError("cannot read model folder", { file: dir, cause });
  }
  if (paths.length === 0) throw new ModelError("model folder has no files", { file: dir });
  const files: HashedFile[] = [];
  let onnxBytes = 0;
  for (const path of paths) {
    const full = `${dir}/${path}`;
    const { size } = await Deno.stat(full);
    files.push({ path, sha256: await sha256File(full), bytes: size });
    if (/\.onnx(_data)?$|\.onnx\.data$/.test(path)) onnxBytes += size;
  }
  const listing = files.map((f) => `${f.path}  ${f.sha256}\n`).join("");
  return { sha256: sha256Text(listing), files, onnxBytes };
}
