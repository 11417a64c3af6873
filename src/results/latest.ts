/**
 * Choosing one record per cell key from a store's history: a successful record
 * beats a failed one, then the newest wins. The history itself is never dropped.
 *
 * @module
 */
import type { CellRecord } from "../core/record.ts";

function better(a: CellRecord, b: CellRecord): boolean {
  const okA = a.status === "ok";
  const okB = b.status === "ok";
  if (okA !== okB) return okA;
  if (a.finishedAt !== b.finishedAt) return a.finishedAt > b.finishedAt;
  return a.runId > b.runId;
}

/** One record per cell key: the newest `ok` record, else the newest record. */
export function latestByKey(records: readonly CellRecord[]): CellRecord[] {
  const best = new Map<string, CellRecord>();
  for (const r of records) {
    const current = best.get(r.cellKey);
    if (!current || better(r, current)) best.set(r.cellKey, r);
  }
  return [...best.values()];
}

/** The keys of cells with an `ok` record: cells a resumed run skips. */
export function completedKeys(records: readonly CellRecord[]): Set<string> {
  return new Set(records.filter((r) => r.status === "ok").map((r) => r.cellKey));
}
