/**
 * JSONL primitives of the results store: whole-line appends with O_APPEND and
 * fsync, and a reader that tolerates a torn last line and reads gzipped
 * files (`*.gz`) too.
 *
 * @module
 */
import { ResultsError } from "../core/errors.ts";
import { parseJsonlLine, type RawLine } from "./jsonl_lines.ts";

export type { RawLine } from "./jsonl_lines.ts";

/** One parsed line of a JSONL file. */
export interface JsonlLine {
  /** 1-based line number. */
  readonly line: number;
  /** The parsed value. */
  readonly value: unknown;
}

/** What {@linkcode readJsonl} found. */
export interface JsonlRead {
  /** Every line that parsed, in file order. */
  readonly lines: JsonlLine[];
  /** One message per skipped line (`file:line: why`). */
  readonly warnings: string[];
}

/**
 * The lines of a JSONL file read whole (gunzipped when it ends in `.gz`), each with its number
 * and whether it is a last line without its newline. A missing file has no lines.
 */
export async function readJsonlRaw(path: string): Promise<RawLine[]> {
  let text: string;
  try {
    text = path.endsWith(".gz") ? await readGzipText(path) : await Deno.readTextFile(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return [];
    throw err;
  }
  const parts = text.split("\n");
  const tail = parts.pop() ?? "";
  const out: RawLine[] = parts.map((text, i) => ({ line: i + 1, text, torn: false }));
  out.push({ line: parts.length + 1, text: tail, torn: true });
  return out;
}

/**
 * Reads a JSONL file. A last line without its newline (a write cut short by a
 * crash) is skipped with a warning unless it parses; a line in the middle that
 * does not parse is skipped with a warning. Earlier lines are never lost.
 * A missing file reads as empty.
 */
export async function readJsonl(path: string): Promise<JsonlRead> {
  const lines: JsonlLine[] = [];
  const warnings: string[] = [];
  for (const raw of await readJsonlRaw(path)) {
    const parsed = parseJsonlLine(raw, path);
    if (parsed === null) continue;
    if ("value" in parsed) lines.push({ line: raw.line, value: parsed.value });
    else warnings.push(parsed.warning);
  }
  return { lines, warnings };
}

/** A gzip file's text; a corrupt or cut-short file is a ResultsError naming it. */
async function readGzipText(path: string): Promise<string> {
  const bytes = await Deno.readFile(path);
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return await new Response(stream).text();
  } catch (cause) {
    throw new ResultsError(`not a readable gzip file (${(cause as Error).message})`, {
      file: path,
      cause,
    });
  }
}

/** Gzip bytes of `text` (for shipped sample files). */
export async function gzipText(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Appends values as whole JSON lines in one write with O_APPEND, then fsyncs.
 * Creates the file if needed.
 */
export async function appendJsonl(path: string, values: readonly unknown[]): Promise<void> {
  if (values.length === 0) return;
  const bytes = new TextEncoder().encode(values.map((v) => JSON.stringify(v) + "\n").join(""));
  using file = await Deno.open(path, { append: true, create: true });
  let written = 0;
  while (written < bytes.length) written += await file.write(bytes.subarray(written));
  await file.sync();
}

/**
 * Writes a whole file atomically: a temporary sibling, fsync, rename, then fsync of the
 * folder (so the rename itself survives a crash). Readers see the old or the new content,
 * never half of it.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
  try {
    using file = await Deno.open(tmp, { write: true, createNew: true });
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    let written = 0;
    while (written < bytes.length) written += await file.write(bytes.subarray(written));
    await file.sync();
  } catch (err) {
    await Deno.remove(tmp).catch(() => {});
    throw err;
  }
  await Deno.rename(tmp, path);
  await syncFolder(path.includes("/") ? path.slice(0, path.lastIndexOf("/")) || "/" : ".");
}

/**
 * Fsyncs a folder, making the renames and creations in it durable. Where the platform cannot
 * open a folder as a file (Windows), there is nothing to do.
 */
async function syncFolder(dir: string): Promise<void> {
  let folder: Deno.FsFile;
  try {
    folder = await Deno.open(dir, { read: true });
  } catch (err) {
    if (Deno.build.os === "windows") return;
    throw err;
  }
  try {
    await folder.sync();
  } finally {
    folder.close();
  }
}
