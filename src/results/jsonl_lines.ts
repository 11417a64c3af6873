/**
 * The store's JSONL files line by line: a streaming reader (plain or gzipped,
 * never the whole file in memory) and the one rule for a line that does not
 * parse (skipped with a warning naming `file:line`; a last line without its
 * newline is a torn write).
 *
 * @module
 */
import { ResultsError } from "../core/errors.ts";

/** One raw line of a JSONL file. */
export interface RawLine {
  /** 1-based line number. */
  readonly line: number;
  /** The text, without its newline. */
  readonly text: string;
  /** True for a last line without a newline (a write cut short, or one still being written). */
  readonly torn: boolean;
}

/** A parsed line, or why it was skipped. */
export type ParsedLine = { readonly value: unknown } | { readonly warning: string };

/**
 * Parses one line of `path`; null for a blank line. A line that does not parse is skipped
 * with a warning; a torn last line says so (its length in characters, no newline).
 */
export function parseJsonlLine(raw: RawLine, path: string): ParsedLine | null {
  if (raw.text.trim() === "") return null;
  try {
    return { value: JSON.parse(raw.text) };
  } catch {
    return {
      warning: raw.torn
        ? `${path}:${raw.line}: skipped a torn last line (${raw.text.length} bytes, no newline)`
        : `${path}:${raw.line}: skipped a line that is not valid JSON`,
    };
  }
}

/**
 * The lines of a JSONL file (gunzipped when it ends in `.gz`), read in chunks. A missing file
 * has no lines; a corrupt gzip file is a `ResultsError` naming it.
 */
export async function* jsonlLines(path: string): AsyncGenerator<RawLine> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { read: true });
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return;
    throw err;
  }
  let stream: ReadableStream<Uint8Array<ArrayBuffer>> = file.readable;
  if (path.endsWith(".gz")) stream = stream.pipeThrough(new DecompressionStream("gzip"));
  let rest = "";
  let line = 0;
  try {
    for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
      let start = 0;
      let nl = chunk.indexOf("\n");
      if (nl < 0) {
        rest += chunk;
        continue;
      }
      let text = rest + chunk.slice(0, nl);
      rest = "";
      for (;;) {
        yield { line: ++line, text, torn: false };
        start = nl + 1;
        nl = chunk.indexOf("\n", start);
        if (nl < 0) break;
        text = chunk.slice(start, nl);
      }
      rest = chunk.slice(start);
    }
  } catch (cause) {
    if (!path.endsWith(".gz") || cause instanceof ResultsError) throw cause;
    throw new ResultsError(`not a readable gzip file (${(cause as Error).message})`, {
      file: path,
      cause,
    });
  }
  if (rest !== "") yield { line: ++line, text: rest, torn: true };
}
