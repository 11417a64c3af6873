/**
 * Time estimates for the plan and the ETA: the median duration of earlier
 * `ok` records of the same model, task, target and profile in the store, else
 * a default per profile scaled by the work the cell does.
 *
 * @module
 */
import type { CellRecord } from "../core/record.ts";
import type { PlannedCell } from "./plan.ts";

function identity(model: string, task: string, target: string, profile: string): string {
  return `${model}\u0000${task}\u0000${target}\u0000${profile}`;
}

/** Seconds of process start and model load assumed for a cell without history. */
const BASE_S = 1.5;

function defaultEstimate(cell: PlannedCell): number {
  const s = cell.spec.settings;
  const mib = cell.spec.model.bytes / 2 ** 20;
  const perToken = 0.002 + mib * 0.00005; // seconds per generated token at batch 1
  switch (s.profile) {
    case "quality": {
      const n = s.limit ?? 200;
      return BASE_S + n * s.maxNewTokens * perToken / Math.min(s.batchSize, 4);
    }
    case "latency": {
      const rules = s.latency;
      const runs = (rules?.minRuns ?? 5) + (rules?.warmupRuns ?? 1);
      return BASE_S + Math.max(runs * s.maxNewTokens * perToken, rules?.minDurationS ?? 0);
    }
    case "sweep": {
      const grid = s.sweep;
      const points = grid
        ? grid.inputLengths.length * grid.outputLengths.length * grid.kvCache.length
        : 1;
      return BASE_S + points * 4 * s.maxNewTokens * perToken * 2;
    }
  }
}

/** Estimates cells from the store's history. */
export class Estimator {
  #history = new Map<string, number[]>();

  /** Builds an estimator from earlier records. */
  constructor(records: readonly CellRecord[]) {
    for (const r of records) {
      if (r.status !== "ok") continue;
      const id = identity(r.model.id, r.task?.id ?? "", r.target.id, r.settings.profile);
      this.#history.set(id, [...this.#history.get(id) ?? [], r.durationS]);
    }
  }

  /** Estimated seconds of one cell. */
  estimate(cell: PlannedCell): number {
    const s = cell.spec;
    const past = this.#history.get(
      identity(s.model.id, s.task?.id ?? "", s.target.id, s.settings.profile),
    );
    if (past && past.length > 0) {
      const sorted = [...past].sort((a, b) => a - b);
      return sorted[Math.floor(sorted.length / 2)] ?? defaultEstimate(cell);
    }
    return defaultEstimate(cell);
  }
}
