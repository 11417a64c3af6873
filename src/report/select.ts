/**
 * Selection of the records the leaderboard shows: for each model, task,
 * target and profile the newest successful cell. Quality is measured once per
 * model and task and applies to every target, so quality cells are keyed by
 * model and task only.
 *
 * @module
 */
import type { CellRecord } from "../core/record.ts";

/** The newest successful cells, by kind. */
export interface Selection {
  /** Quality cells by `model \u0000 task`. */
  readonly quality: ReadonlyMap<string, CellRecord>;
  /** Latency cells by `model \u0000 target \u0000 task-or-empty`. */
  readonly latency: ReadonlyMap<string, CellRecord>;
  /** Sweep cells by `model \u0000 target`. */
  readonly sweep: ReadonlyMap<string, CellRecord>;
}

/** Joins key parts with a separator no id contains. */
export function joinKey(...parts: readonly string[]): string {
  return parts.join("\u0000");
}

function newer(a: CellRecord, b: CellRecord | undefined): boolean {
  if (b === undefined) return true;
  if (a.finishedAt !== b.finishedAt) return a.finishedAt > b.finishedAt;
  return a.runId > b.runId;
}

/**
 * Picks the newest ok cell per key. Quality needs `quality` set, latency
 * `efficiency`, sweep a non-empty `sweep`.
 */
export function selectLatest(records: readonly CellRecord[]): Selection {
  const quality = new Map<string, CellRecord>();
  const latency = new Map<string, CellRecord>();
  const sweep = new Map<string, CellRecord>();
  for (const r of records) {
    if (r.status !== "ok") continue;
    const profile = r.settings.profile;
    if (profile === "quality" && r.quality !== null && r.task !== null) {
      const k = joinKey(r.model.id, r.task.id);
      if (newer(r, quality.get(k))) quality.set(k, r);
    } else if (profile === "latency" && r.efficiency !== null) {
      const k = joinKey(r.model.id, r.target.id, r.task?.id ?? "");
      if (newer(r, latency.get(k))) latency.set(k, r);
    } else if (profile === "sweep" && r.sweep !== null && r.sweep.length > 0) {
      const k = joinKey(r.model.id, r.target.id);
      if (newer(r, sweep.get(k))) sweep.set(k, r);
    }
  }
  return { quality, latency, sweep };
}
