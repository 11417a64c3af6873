/**
 * A store index for a long-running reader (eval's resume and "did another eval do this cell?"
 * checks): the first {@link StoreIndex.update} reads every run file, later ones read only what
 * was appended since. Per run file it keeps the byte offset read so far and the file's identity
 * (device and inode, and size): a file replaced by a rename (merge) or cut shorter is read again
 * from its start. Only whole lines are consumed, so a line being written is read next time.
 * Files are found by `listRunFiles` and lines checked by the same rules as `readStore`, with the
 * same warnings (each skipped line once).
 *
 * @module
 */
import { ResultsError } from "../core/errors.ts";
import type { CellRecord } from "../core/record.ts";
import { cellRecordOfLine } from "./cell_line.ts";
import { parseJsonlLine } from "./jsonl_lines.ts";
import { type ReadOptions, skipOrThrow } from "./read_options.ts";
import { listRunFiles } from "./reader.ts";

interface FileState {
  dev: number;
  ino: number | null;
  /** Bytes consumed (whole lines). */
  offset: number;
  /** Lines consumed. */
  lines: number;
}

const NEWLINE = 0x0a;

/** Reads a results folder's cell records once, then only what is appended. */
export class StoreIndex {
  readonly #dir: string;
  readonly #options: ReadOptions;
  readonly #files = new Map<string, FileState>();
  readonly #skipped = new Set<string>();
  readonly #decoder = new TextDecoder();

  /** An index of `dir`; nothing is read until {@link update}. */
  constructor(dir: string, options: ReadOptions = {}) {
    this.#dir = dir;
    this.#options = options;
  }

  /**
   * The records appended to the store since the last call (the first call: every record, in
   * run-id then line order). A file replaced or cut shorter since is read again, so its records
   * come again: callers keep sets, not counts.
   */
  async update(): Promise<CellRecord[]> {
    const warnings: string[] = [];
    const out: CellRecord[] = [];
    // A folder entry skipped as not a run file is reported once, not on every update.
    const onSkip = (message: string): void => {
      if (this.#skipped.has(message)) return;
      this.#skipped.add(message);
      skipOrThrow(new ResultsError(message), { ...this.#options, strict: false }, warnings);
    };
    for (const { runId, path } of await listRunFiles(this.#dir, onSkip)) {
      let file: Deno.FsFile;
      try {
        file = await Deno.open(path, { read: true });
      } catch (err) {
        if (err instanceof Deno.errors.NotFound) continue; // removed since the listing
        throw err;
      }
      try {
        const info = await file.stat();
        let state = this.#files.get(path);
        if (
          state === undefined || state.dev !== info.dev || state.ino !== info.ino ||
          info.size < state.offset
        ) {
          state = { dev: info.dev, ino: info.ino, offset: 0, lines: 0 };
          this.#files.set(path, state);
        }
        if (info.size === state.offset) continue;
        await file.seek(state.offset, Deno.SeekMode.Start);
        const bytes = new Uint8Array(info.size - state.offset);
        let got = 0;
        while (got < bytes.length) {
          const n = await file.read(bytes.subarray(got));
          if (n === null) break;
          got += n;
        }
        const end = bytes.subarray(0, got).lastIndexOf(NEWLINE);
        if (end < 0) continue; // no whole line yet
        const text = this.#decoder.decode(bytes.subarray(0, end));
        state.offset += end + 1;
        for (const raw of text.split("\n")) {
          const line = ++state.lines;
          const parsed = parseJsonlLine({ line, text: raw, torn: false }, path);
          if (parsed === null) continue;
          if ("warning" in parsed) {
            skipOrThrow(
              new ResultsError(parsed.warning),
              { ...this.#options, strict: false },
              warnings,
            );
            continue;
          }
          try {
            out.push(cellRecordOfLine(parsed.value, { file: path, line, runId }));
          } catch (err) {
            skipOrThrow(err, this.#options, warnings);
          }
        }
      } finally {
        file.close();
      }
    }
    return out;
  }
}
