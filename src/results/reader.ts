/**
 * The tolerant store reader: reads every run file of a results folder,
 * validates each record against the schema, and skips (with a warning) torn
 * or invalid lines without losing the others.
 *
 * @module
 */
import { ResultsError } from "../core/errors.ts";
import type { CellRecord, SampleRecord } from "../core/record.ts";
import { readJsonlRaw } from "./jsonl.ts";
import { parseJsonlLine } from "./jsonl_lines.ts";
import { deferredCellOfLine } from "./deferred_cell.ts";
import { type ReadOptions, skipOrThrow as handle } from "./read_options.ts";
import { forEachSample } from "./sample_stream.ts";
import { looksLikeRunFile, runIdOfFile } from "./run_id.ts";
import { cellRecordOfLine } from "./cell_line.ts";
import { linkSkipped } from "./links.ts";

export type { ReadOptions } from "./read_options.ts";

/** The cell records of a results folder. */
export interface StoreContents {
  /** Every valid cell record, in run-id then line order. */
  readonly cells: CellRecord[];
  /** Run ids found, sorted. */
  readonly runs: string[];
  /** Messages about skipped lines. */
  readonly warnings: string[];
}

/**
 * The cell-record files of a folder, sorted by run id; empty if the folder is missing. A
 * `.jsonl` or `.jsonl.gz` file whose name is not a run file's ({@link runIdOfFile}), or a
 * symbolic link in a run file's place, is skipped and reported to `onSkip`; subfolders (such
 * as `incoming/`) and other files (the store lock `.lock` and its holder files, temporary
 * files of an atomic write) are not read.
 */
export async function listRunFiles(
  dir: string,
  onSkip: (message: string) => void = () => {},
): Promise<{ runId: string; path: string }[]> {
  const out: { runId: string; path: string }[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isSymlink && looksLikeRunFile(entry.name)) {
        onSkip(linkSkipped(`${dir}/${entry.name}`));
        continue;
      }
      if (!entry.isFile) continue;
      const parsed = runIdOfFile(entry.name);
      if (parsed?.kind === "cells") out.push({ runId: parsed.runId, path: `${dir}/${entry.name}` });
      else if (parsed === null && looksLikeRunFile(entry.name)) {
        onSkip(
          `${dir}/${entry.name}: not a run file, skipped (a run file is named ` +
            `<run id>.jsonl, e.g. 20261128T130500Z-host-3f9a1c.jsonl)`,
        );
      }
    }
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return [];
    throw err;
  }
  return out.sort((a, b) => a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0);
}

/** Reads every cell record of a results folder. */
export async function readStore(dir: string, options: ReadOptions = {}): Promise<StoreContents> {
  const cells: CellRecord[] = [];
  const runs: string[] = [];
  const warnings: string[] = [];
  const skipped = (message: string): void =>
    handle(new ResultsError(message), { ...options, strict: false }, warnings);
  const defer = options.deferBodies === true && options.strict !== true;
  const onInvalid = (err: ResultsError): void => handle(err, options, warnings);
  const shared = new Map<string, unknown>();
  for (const { runId, path } of await listRunFiles(dir, skipped)) {
    runs.push(runId);
    for (const raw of await readJsonlRaw(path)) {
      const where = { file: path, line: raw.line, runId };
      try {
        const deferred = defer ? deferredCellOfLine(raw.text, where, onInvalid, shared) : null;
        if (deferred !== null) {
          cells.push(deferred);
          continue;
        }
        const parsed = parseJsonlLine(raw, path);
        if (parsed === null) continue;
        if ("warning" in parsed) throw new ResultsError(parsed.warning);
        cells.push(cellRecordOfLine(parsed.value, where));
      } catch (err) {
        handle(err, options, warnings);
      }
    }
  }
  return { cells, runs, warnings };
}

/**
 * Reads the sample records of some cells of one run (by cell key), from
 * `<run>.samples.jsonl.gz` and `<run>.samples.jsonl` (either or both). Samples
 * of cells that never got a record (a run killed mid-cell) are ignored.
 */
export async function readSamples(
  dir: string,
  runId: string,
  cellKeys: ReadonlySet<string>,
  options: ReadOptions = {},
): Promise<SampleRecord[]> {
  const out: SampleRecord[] = [];
  await forEachSample(dir, runId, cellKeys, (s) => out.push(s), options);
  return out;
}

/** The sample records of the given cell records, by cell key (read from each record's run). */
export async function readSamplesOf(
  dir: string,
  records: readonly CellRecord[],
  options: ReadOptions = {},
): Promise<Map<string, SampleRecord[]>> {
  const byRun = new Map<string, Set<string>>();
  for (const r of records) byRun.set(r.runId, (byRun.get(r.runId) ?? new Set()).add(r.cellKey));
  const out = new Map<string, SampleRecord[]>();
  for (const [runId, keys] of byRun) {
    for (const s of await readSamples(dir, runId, keys, options)) {
      const list = out.get(s.cellKey) ?? [];
      list.push(s);
      out.set(s.cellKey, list);
    }
  }
  return out;
}
