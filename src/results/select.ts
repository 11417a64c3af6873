/**
 * The one rule deciding which record stands for a cell, used by the report,
 * the site, export and the scheduler's resume: an `ok` record beats a failed
 * one, then the newest (`finishedAt`) wins, then the larger run id. The
 * history itself is never dropped; callers choose what "the same cell" means
 * with an identity function ({@link cellKeyOf}, {@link boardIdentity}).
 *
 * @module
 */
import type { CellRecord } from "../core/record.ts";
import { machineId } from "../core/target.ts";
import { isReadable } from "./deferred_cell.ts";

/**
 * Orders records by age, oldest first: by `finishedAt`, then by run id (the
 * order of {@link prefer} among records of the same status, and of compare's
 * run histories).
 */
export function byTime(a: CellRecord, b: CellRecord): number {
  if (a.finishedAt !== b.finishedAt) return a.finishedAt < b.finishedAt ? -1 : 1;
  return a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0;
}

/** True when `a` stands for its cell rather than `b` (ok, then newest, then run id). */
export function prefer(a: CellRecord, b: CellRecord): boolean {
  const okA = a.status === "ok";
  if (okA !== (b.status === "ok")) return okA;
  return byTime(a, b) > 0;
}

/**
 * The preferred record per identity (insertion order of first appearance). A record whose
 * deferred body proves invalid ({@link isReadable}) never stands for a cell: the next
 * preferred one does, as if the reader had skipped its line.
 */
export function pickBy(
  records: readonly CellRecord[],
  identity: (r: CellRecord) => string,
): Map<string, CellRecord> {
  for (;;) {
    const best = new Map<string, CellRecord>();
    for (const r of records) {
      const id = identity(r);
      const current = best.get(id);
      if (current === undefined || prefer(r, current)) best.set(id, r);
    }
    const unreadable = new Set([...best.values()].filter((r) => !isReadable(r)));
    if (unreadable.size === 0) return best;
    records = records.filter((r) => !unreadable.has(r));
  }
}

/** Identity by cell key: the content-addressed cell. */
export function cellKeyOf(r: CellRecord): string {
  return r.cellKey;
}

/**
 * Identity of what the leaderboard shows: quality by model and task (quality
 * does not depend on the machine), latency by model, task, target and
 * machine, sweeps by model, target and machine, shape cells by shape,
 * target, machine and settings (efficiency is kept per machine). Parts are
 * joined by U+0000, which no id contains.
 */
export function boardIdentity(r: CellRecord): string {
  const s = r.settings;
  const profile = s.profile;
  const parts = profile === "quality"
    ? [r.model.id, r.task?.id ?? ""]
    : [r.model.id, r.task?.id ?? "", r.target.id, machineId(r.environment)];
  // A shape's cells differ by their settings: each point of the grid is shown.
  if (profile === "shape") {
    parts.push(`${s.inputTokens}+${s.maxNewTokens}:${s.kvCache ? "on" : "off"}:b${s.batchSize}`);
  }
  return [profile, ...parts].join("\u0000");
}

/** One record per cell key: the preferred one. */
export function latestByKey(records: readonly CellRecord[]): CellRecord[] {
  return [...pickBy(records, cellKeyOf).values()];
}

/** One record per leaderboard identity ({@link boardIdentity}): the preferred one. */
export function boardRecords(records: readonly CellRecord[]): CellRecord[] {
  return [...pickBy(records, boardIdentity).values()];
}

/** The keys of cells with an `ok` record: cells a resumed run skips. */
export function completedKeys(records: readonly CellRecord[]): Set<string> {
  return new Set(records.filter((r) => r.status === "ok").map((r) => r.cellKey));
}
