/**
 * The records the leaderboard shows, by kind. Which record stands for a cell
 * is decided once, in `results/select.ts` (ok over failed, newest, run id);
 * here the chosen records are only sorted into quality, latency and sweep
 * maps. Quality is measured once per model and task and applies to every
 * target; latency is shown per target (the preferred machine's record).
 *
 * @module
 */
import type { CellRecord } from "../core/record.ts";
import { boardRecords, pickBy } from "../results/select.ts";

/** The records standing for each shown cell, by kind. */
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

/**
 * The shown cells: quality needs `quality` set, latency `efficiency`, sweep a
 * non-empty `sweep`; failed records never stand for a shown cell.
 */
export function selectLatest(records: readonly CellRecord[]): Selection {
  // A shape's weights are random: its records are timings only, never a quality or a task row.
  const ok = boardRecords(records).filter((r) => r.status === "ok" && r.model.role !== "shape");
  const quality = ok.filter((r) =>
    r.settings.profile === "quality" && r.quality !== null && r.task !== null
  );
  const latency = ok.filter((r) => r.settings.profile === "latency" && r.efficiency !== null);
  const sweep = ok.filter((r) =>
    r.settings.profile === "sweep" && r.sweep !== null && r.sweep.length > 0
  );
  return {
    quality: pickBy(quality, (r) => joinKey(r.model.id, r.task!.id)),
    latency: pickBy(latency, (r) => joinKey(r.model.id, r.target.id, r.task?.id ?? "")),
    sweep: pickBy(sweep, (r) => joinKey(r.model.id, r.target.id)),
  };
}
