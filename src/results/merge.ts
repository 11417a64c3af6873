/**
 * Merging result folders from several machines into one store. Runs keep their
 * files (`<runId>.jsonl`); a record already present (same run, cell key and
 * finish time) is not copied twice; every other record is kept as history.
 * The whole read-modify-write holds the store lock exclusive, every file is
 * replaced atomically (temporary file, fsync, rename, folder fsync), and the
 * store is read again afterwards to check that every record reported is there.
 *
 * @module
 */
import { ResultsError } from "../core/errors.ts";
import type { CellRecord, SampleRecord } from "../core/record.ts";
import { writeFileAtomic } from "./jsonl.ts";
import { type ReadOptions, readSamples, readStore } from "./reader.ts";
import { cellFileName, sampleFileName } from "./run_id.ts";
import { lockStore } from "./store_lock.ts";

/** Options of {@linkcode mergeStores}. */
export interface MergeOptions {
  /** Called with each warning (skipped files, unreadable destination lines, skipped lines). */
  readonly onWarning?: (message: string) => void;
  /**
   * Leave out source lines merge cannot carry (a newer schema, damage), each with a warning.
   * Default: such a line is a `ResultsError` naming `file:line`, thrown before anything is
   * written.
   */
  readonly skipInvalid?: boolean;
  /** Longest wait for the store lock, in ms (default: wait on). */
  readonly lockTimeoutMs?: number;
  /** Called with one line while waiting for the store lock. */
  readonly onLockWait?: (message: string) => void;
  /**
   * Test hook: awaited before each file is replaced, after its old bytes are read, with the
   * store lock held (to make a merge slow on purpose where an unlocked one would lose lines).
   */
  readonly beforeWrite?: (path: string) => Promise<void>;
}

/** What a merge did. */
export interface MergeSummary {
  /** Cell records copied into the destination. */
  readonly added: number;
  /** Cell records skipped because the destination already had them. */
  readonly duplicates: number;
  /** Sample records copied. */
  readonly samples: number;
  /** Runs touched in the destination. */
  readonly runs: string[];
  /** Skipped-line warnings from the sources. */
  readonly warnings: string[];
}

function identity(r: CellRecord): string {
  return `${r.runId}\u0000${r.cellKey}\u0000${r.finishedAt}`;
}

function sampleIdentity(s: SampleRecord): string {
  return `${s.cellKey}\u0000${s.sampleId}`;
}

/**
 * The destination file's bytes as they are (missing: none), ended with a newline so that new
 * lines start on a line of their own: lines merge did not write, valid or not, stay byte for
 * byte.
 */
async function existingBytes(path: string): Promise<Uint8Array> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return new Uint8Array();
    throw err;
  }
  if (bytes.length === 0 || bytes[bytes.length - 1] === 0x0a) return bytes;
  const ended = new Uint8Array(bytes.length + 1);
  ended.set(bytes);
  ended[bytes.length] = 0x0a;
  return ended;
}

function concat(a: Uint8Array, text: string): Uint8Array {
  const b = new TextEncoder().encode(text);
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function toJsonl(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v) + "\n").join("");
}

/** Source lines that cannot be carried become errors unless `skipInvalid` says so. */
function sourceReading(options: MergeOptions, onWarning: (m: string) => void): ReadOptions {
  if (options.skipInvalid) return { onWarning };
  return { onWarning, strict: true };
}

/** What a source merge cannot carry, as a refusal that says how to go on. */
function refusal(err: unknown, options: MergeOptions): unknown {
  if (!(err instanceof ResultsError) || options.skipInvalid) return err;
  return new ResultsError(
    `${err.message}; merge cannot carry it and wrote nothing ` +
      `(pass --skip-invalid to leave such lines out)`,
    { cause: err },
  );
}

/**
 * Merges the stores in `sources` into `dest` (created if missing), holding `dest`'s store lock
 * exclusive throughout. Each touched run file is rewritten atomically (its old bytes
 * unchanged, then the new lines; samples before records), so a crash mid-merge leaves every
 * file whole. A source line merge cannot carry (a newer schema, damage) refuses the whole
 * merge before anything is written, unless `skipInvalid`. Lines of the destination merge
 * cannot read are kept byte for byte and reported through `onWarning` with `file:line`.
 * Throws `ResultsError` when the store, read again after the writes, lacks a record reported
 * as added, and `LockTimeoutError` when the lock stays taken past `lockTimeoutMs`.
 */
export async function mergeStores(
  sources: readonly string[],
  dest: string,
  options: MergeOptions = {},
): Promise<MergeSummary> {
  await Deno.mkdir(dest, { recursive: true });
  const lock = await lockStore(dest, {
    exclusive: true,
    ...(options.lockTimeoutMs !== undefined ? { timeoutMs: options.lockTimeoutMs } : {}),
    ...(options.onLockWait ? { onWait: options.onLockWait } : {}),
  });
  try {
    return await mergeLocked(sources, dest, options);
  } finally {
    lock.release();
  }
}

async function mergeLocked(
  sources: readonly string[],
  dest: string,
  options: MergeOptions,
): Promise<MergeSummary> {
  const destReal = await Deno.realPath(dest);
  const warnings: string[] = [];
  const onWarning = (m: string): void => {
    warnings.push(m);
    options.onWarning?.(m);
  };
  const existing = await readStore(dest, { onWarning });
  const seen = new Set(existing.cells.map(identity));
  const pending = new Map<string, { cells: CellRecord[]; samples: SampleRecord[] }>();
  const reading = sourceReading(options, onWarning);
  let duplicates = 0;
  for (const source of sources) {
    if (await Deno.realPath(source) === destReal) continue;
    try {
      const store = await readStore(source, reading);
      const byRun = new Map<string, CellRecord[]>();
      for (const r of store.cells) {
        if (seen.has(identity(r))) {
          duplicates++;
          continue;
        }
        seen.add(identity(r));
        byRun.set(r.runId, [...byRun.get(r.runId) ?? [], r]);
      }
      for (const [runId, cells] of byRun) {
        const keys = new Set(cells.map((c) => c.cellKey));
        const samples = await readSamples(source, runId, keys, reading);
        const entry = pending.get(runId) ?? { cells: [], samples: [] };
        entry.cells.push(...cells);
        entry.samples.push(...samples);
        pending.set(runId, entry);
      }
    } catch (err) {
      throw refusal(err, options);
    }
  }
  const append = async (path: string, lines: readonly unknown[]): Promise<void> => {
    const bytes = concat(await existingBytes(path), toJsonl(lines));
    await options.beforeWrite?.(path);
    await writeFileAtomic(path, bytes);
  };
  let added = 0;
  let sampleCount = 0;
  for (const [runId, { cells, samples }] of pending) {
    await append(`${dest}/${sampleFileName(runId)}`, samples);
    await append(`${dest}/${cellFileName(runId)}`, cells);
    added += cells.length;
    sampleCount += samples.length;
  }
  await checkWritten(dest, existing.cells.length, pending);
  return { added, duplicates, samples: sampleCount, runs: [...pending.keys()].sort(), warnings };
}

/**
 * Reads the store again and checks that it holds the records it held before plus every record
 * written, and every sample written: the counts a merge reports are the counts the store has.
 */
async function checkWritten(
  dest: string,
  before: number,
  written: ReadonlyMap<string, { cells: CellRecord[]; samples: SampleRecord[] }>,
): Promise<void> {
  const after = await readStore(dest, { onWarning: () => {} });
  const present = new Set(after.cells.map(identity));
  const cells = [...written.values()].flatMap((w) => w.cells);
  const missing = cells.filter((r) => !present.has(identity(r))).length;
  let missingSamples = 0;
  for (const [runId, w] of written) {
    const keys = new Set(w.cells.map((c) => c.cellKey));
    const found = new Set(
      (await readSamples(dest, runId, keys, { onWarning: () => {} })).map(sampleIdentity),
    );
    missingSamples += w.samples.filter((s) => !found.has(sampleIdentity(s))).length;
  }
  if (missing > 0 || missingSamples > 0 || after.cells.length !== before + cells.length) {
    throw new ResultsError(
      `merge wrote ${cells.length} cell records but the store, read again, holds ` +
        `${after.cells.length} (expected ${
          before + cells.length
        }; ${missing} written records and ` +
        `${missingSamples} written samples missing): another process changed it without the store lock`,
      { file: dest },
    );
  }
}
