/**
 * Loads what the site is built from: the cell records of a results folder
 * and their per-sample records, through the results store's tolerant reader
 * (torn or invalid lines are skipped with a warning). The only module of
 * `src/site/` that knows about the store; swap it to read elsewhere.
 *
 * @module
 */
import type { CellRecord, SampleRecord } from "../core/record.ts";
import { readSamples, readStore } from "../results/reader.ts";

/** Records of a results folder. */
export interface LoadedStore {
  /** Every valid cell record. */
  readonly cells: CellRecord[];
  /** Per-sample records by cell key. */
  readonly samples: Map<string, SampleRecord[]>;
  /** Messages about skipped lines. */
  readonly warnings: string[];
}

/** Options of {@link loadStore}. */
export interface LoadOptions {
  /** Called once per skipped line (default: collect silently). */
  readonly onWarning?: (message: string) => void;
}

/** Reads the cells and samples of a results folder (missing folder: empty). */
export async function loadStore(dir: string, options: LoadOptions = {}): Promise<LoadedStore> {
  const warnings: string[] = [];
  const onWarning = (m: string): void => {
    warnings.push(m);
    options.onWarning?.(m);
  };
  const store = await readStore(dir, { onWarning });
  const samples = new Map<string, SampleRecord[]>();
  const byRun = new Map<string, Set<string>>();
  for (const c of store.cells) {
    if (c.settings.profile !== "quality") continue;
    const set = byRun.get(c.runId) ?? new Set();
    set.add(c.cellKey);
    byRun.set(c.runId, set);
  }
  for (const [runId, keys] of byRun) {
    for (const s of await readSamples(dir, runId, keys, { onWarning })) {
      const list = samples.get(s.cellKey) ?? [];
      list.push(s);
      samples.set(s.cellKey, list);
    }
  }
  return { cells: store.cells, samples, warnings };
}
