/**
 * Merging result folders from several machines into one store. Runs keep their
 * files (`<runId>.jsonl`); a record already present (same run, cell key and
 * finish time) is not copied twice; every other record is kept as history.
 *
 * @module
 */
import type { CellRecord, SampleRecord } from "../core/record.ts";
import { writeFileAtomic } from "./jsonl.ts";
import { readSamples, readStore } from "./reader.ts";
import { cellFileName, sampleFileName } from "./run_id.ts";

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

/**
 * Merges the stores in `sources` into `dest` (created if missing). Each touched
 * run file is rewritten atomically (its old bytes unchanged, then the new lines;
 * samples before records), so a crash mid-merge leaves every file whole. Lines
 * of the destination merge cannot read (a newer schema, damage) are kept byte
 * for byte and reported through `onWarning` with `file:line`.
 */
export async function mergeStores(
  sources: readonly string[],
  dest: string,
  options: { readonly onWarning?: (message: string) => void } = {},
): Promise<MergeSummary> {
  await Deno.mkdir(dest, { recursive: true });
  const destReal = await Deno.realPath(dest);
  const warnings: string[] = [];
  const onWarning = (m: string): void => {
    warnings.push(m);
    options.onWarning?.(m);
  };
  const existing = await readStore(dest, { onWarning });
  const seen = new Set(existing.cells.map(identity));
  const pending = new Map<string, { cells: CellRecord[]; samples: SampleRecord[] }>();
  let duplicates = 0;
  for (const source of sources) {
    if (await Deno.realPath(source) === destReal) continue;
    const store = await readStore(source, { onWarning });
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
      const samples = await readSamples(source, runId, keys, { onWarning });
      const entry = pending.get(runId) ?? { cells: [], samples: [] };
      entry.cells.push(...cells);
      entry.samples.push(...samples);
      pending.set(runId, entry);
    }
  }
  let added = 0;
  let sampleCount = 0;
  for (const [runId, { cells, samples }] of pending) {
    const cellPath = `${dest}/${cellFileName(runId)}`;
    const samplePath = `${dest}/${sampleFileName(runId)}`;
    await writeFileAtomic(samplePath, concat(await existingBytes(samplePath), toJsonl(samples)));
    await writeFileAtomic(cellPath, concat(await existingBytes(cellPath), toJsonl(cells)));
    added += cells.length;
    sampleCount += samples.length;
  }
  return { added, duplicates, samples: sampleCount, runs: [...pending.keys()].sort(), warnings };
}
