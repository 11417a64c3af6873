/**
 * Merging result folders from several machines into one store. Runs keep their
 * files (`<runId>.jsonl`); a record already present (same run, cell key and
 * finish time) is not copied twice; every other record is kept as history.
 *
 * @module
 */
import type { CellRecord, SampleRecord } from "../core/record.ts";
import { readJsonl, writeFileAtomic } from "./jsonl.ts";
import { listRunFiles, readSamples, readStore } from "./reader.ts";
import { cellFileName, sampleFileName } from "./run_id.ts";
import { validateCellRecord, validateSampleRecord } from "./schema.ts";

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

async function validLines(
  path: string,
  validate: (v: unknown) => unknown,
): Promise<unknown[]> {
  const read = await readJsonl(path);
  const out: unknown[] = [];
  for (const { value } of read.lines) {
    try {
      validate(value);
      out.push(value);
    } catch {
      // Invalid lines of the destination are dropped when the file is rewritten;
      // the reader already skipped them.
    }
  }
  return out;
}

function toJsonl(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v) + "\n").join("");
}

/**
 * Merges the stores in `sources` into `dest` (created if missing). Each touched
 * run file is rewritten atomically (old valid lines, then new ones; samples
 * before records), so a crash mid-merge leaves every file whole.
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
  const destRuns = new Set((await listRunFiles(dest)).map((f) => f.runId));
  for (const [runId, { cells, samples }] of pending) {
    const cellPath = `${dest}/${cellFileName(runId)}`;
    const samplePath = `${dest}/${sampleFileName(runId)}`;
    const oldCells = destRuns.has(runId) ? await validLines(cellPath, validateCellRecord) : [];
    const oldSamples = destRuns.has(runId)
      ? await validLines(samplePath, validateSampleRecord)
      : [];
    await writeFileAtomic(samplePath, toJsonl([...oldSamples, ...samples]));
    await writeFileAtomic(cellPath, toJsonl([...oldCells, ...cells]));
    added += cells.length;
    sampleCount += samples.length;
  }
  return { added, duplicates, samples: sampleCount, runs: [...pending.keys()].sort(), warnings };
}
