/**
 * Time estimates for the plan and the ETA: the median duration of earlier
 * `ok` records of the same model, task, target and profile in the store
 * (quality cells: the median time per sample, times this cell's samples, so a
 * 40-sample history does not stand for a whole split), else a default per
 * profile scaled by the work the cell does.
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
      const n = samplesOf(cell) ?? 200;
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
    case "shape": {
      // Without the cache every step reads the whole prefix again.
      const n = s.inputTokens ?? 1;
      const steps = s.maxNewTokens * (s.kvCache ? 1 : Math.max(1, (n + s.maxNewTokens) / 32));
      const runs = (s.latency?.minRuns ?? 3) + (s.latency?.warmupRuns ?? 1);
      return BASE_S + runs * (steps + n / 16) * perToken * Math.max(1, s.batchSize / 4);
    }
  }
}

/** Samples a quality cell scores: its limit, capped by the split's size when known. */
function samplesOf(cell: PlannedCell): number | null {
  const limit = cell.spec.settings.limit;
  const split = cell.splitSamples ?? null;
  if (limit === null) return split;
  return split === null ? limit : Math.min(limit, split);
}

function median(xs: readonly number[]): number | undefined {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Estimates cells from the store's history. */
export class Estimator {
  #history = new Map<string, number[]>();
  #perSample = new Map<string, number[]>();

  /** Builds an estimator from earlier records. */
  constructor(records: readonly CellRecord[]) {
    for (const r of records) {
      if (r.status !== "ok") continue;
      const id = identity(r.model.id, r.task?.id ?? "", r.target.id, r.settings.profile);
      this.#history.set(id, [...this.#history.get(id) ?? [], r.durationS]);
      const n = r.quality?.n ?? 0;
      if (r.settings.profile === "quality" && n > 0) {
        this.#perSample.set(id, [
          ...this.#perSample.get(id) ?? [],
          Math.max(0, r.durationS - BASE_S) / n,
        ]);
      }
    }
  }

  /** Estimated seconds of one cell. */
  estimate(cell: PlannedCell): number {
    const s = cell.spec;
    const id = identity(s.model.id, s.task?.id ?? "", s.target.id, s.settings.profile);
    if (s.settings.profile === "quality") {
      const rate = median(this.#perSample.get(id) ?? []);
      const n = samplesOf(cell);
      if (rate !== undefined && n !== null) return BASE_S + rate * n;
    }
    return median(this.#history.get(id) ?? []) ?? defaultEstimate(cell);
  }
}

/**
 * Estimated wall time of cells run the way `runPlan` runs them: per device,
 * the quality cells side by side on `workers` workers (never less than the
 * longest one), then the others one at a time; devices side by side.
 */
export function wallEstimate(
  cells: readonly PlannedCell[],
  estimateS: (cell: PlannedCell) => number,
  workers: number,
): number {
  const devices = new Map<string, { quality: number[]; timed: number }>();
  for (const c of cells) {
    const d = devices.get(c.spec.target.device) ?? { quality: [], timed: 0 };
    if (c.spec.settings.profile === "quality") d.quality.push(estimateS(c));
    else d.timed += estimateS(c);
    devices.set(c.spec.target.device, d);
  }
  let wall = 0;
  for (const d of devices.values()) {
    const sum = d.quality.reduce((a, b) => a + b, 0);
    const quality = Math.max(Math.max(0, ...d.quality), sum / Math.max(1, workers));
    wall = Math.max(wall, quality + d.timed);
  }
  return wall;
}
