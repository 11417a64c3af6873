/**
 * Precompressed siblings for a built site: `<file>.br` and `<file>.gz` beside every text or
 * wasm file of at least {@link PRECOMPRESS_MIN_BYTES}, streamed through `node:zlib` (no file is
 * read whole), each kept only when it is at most nine tenths of the original. `deno task serve`
 * sends them to clients that accept them (`src/site/send_file.ts`); static hosts ignore them.
 *
 * @module
 */
import { createReadStream, createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";

/** The extensions (lower case, no dot) of the files worth precompressing: text and wasm. */
export const PRECOMPRESSED_EXTENSIONS: ReadonlySet<string> = new Set([
  "html",
  "css",
  "js",
  "mjs",
  "json",
  "map",
  "csv",
  "txt",
  "svg",
  "wasm",
]);

/** Files below this size are left alone: the saving is a packet or two. */
export const PRECOMPRESS_MIN_BYTES = 16 * 1024;

/** A precompressed variant: its `Content-Encoding` and the suffix of its file. */
export interface Encoding {
  /** The `Content-Encoding` token. */
  readonly coding: "br" | "gzip";
  /** The suffix appended to the original file's name. */
  readonly suffix: ".br" | ".gz";
}

/** The variants, in the order a server prefers them. */
export const ENCODINGS: readonly Encoding[] = [
  { coding: "br", suffix: ".br" },
  { coding: "gzip", suffix: ".gz" },
];

/** Whether `path`'s extension is one the build precompresses (the size is not checked). */
export function isPrecompressible(path: string): boolean {
  const slash = path.lastIndexOf("/"), dot = path.lastIndexOf(".");
  return dot > slash + 1 && PRECOMPRESSED_EXTENSIONS.has(path.slice(dot + 1).toLowerCase());
}

function compressor(coding: Encoding["coding"], size: number): zlib.Gzip | zlib.BrotliCompress {
  if (coding === "gzip") return zlib.createGzip({ level: 6 });
  // Quality 5: about 0.9 s for the 28 MB onnxruntime wasm, within 5% of quality 9's size.
  return zlib.createBrotliCompress({
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 5,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size,
    },
  });
}

/**
 * Writes the `.br` and `.gz` siblings of the precompressible files among `files` (paths
 * relative to `dir`) of at least {@link PRECOMPRESS_MIN_BYTES}; returns the files written,
 * relative to `dir`.
 */
export async function precompress(dir: string, files: readonly string[]): Promise<string[]> {
  const written: string[] = [];
  for (const file of files) {
    if (!isPrecompressible(file)) continue;
    const from = `${dir}/${file}`;
    const info = await Deno.stat(from);
    if (!info.isFile || info.size < PRECOMPRESS_MIN_BYTES) continue;
    for (const { coding, suffix } of ENCODINGS) {
      const to = `${from}${suffix}`;
      await pipeline(createReadStream(from), compressor(coding, info.size), createWriteStream(to));
      if ((await Deno.stat(to)).size * 10 > info.size * 9) await Deno.remove(to);
      else written.push(`${file}${suffix}`);
    }
  }
  return written;
}
