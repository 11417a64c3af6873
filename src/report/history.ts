/**
 * Per-target history of every metric over runs: for each target, model and
 * metric, the value recorded by each run, oldest run first, with the change
 * from the previous run, flagged when it is worse than
 * {@linkcode CHANGE_THRESHOLD}. A flagged change is a mark to look at, not a
 * regression: a target's series may span machines and one run is noisy. Only
 * the regression gate (`compare/`) says "regression": the same cell on the
 * same hardware against the median of its earlier runs, confirmed over two
 * runs, and quality by the paired test.
 *
 * @module
 */
import type { CellRecord } from "../core/record.ts";
import { MEASURES, recordValue } from "./measures.ts";
import { normalize } from "./normalize.ts";

/** One run's value in a history series. */
export interface HistoryPoint {
  /** Run id. */
  readonly runId: string;
  /** When the cell finished. */
  readonly at: string;
  /** The value. */
  readonly value: number;
  /** Relative change from the previous point (0.1 = +10%), null for the first. */
  readonly change: number | null;
  /** True when the change is worse than the threshold (a "change" mark, not a regression). */
  readonly flagged: boolean;
}

/** A metric of one model on one target over runs. */
export interface HistorySeries {
  /** Target id. */
  readonly targetId: string;
  /** Model id. */
  readonly modelId: string;
  /** Metric name, e.g. `ttft_ms` or `quality:qa`. */
  readonly metric: string;
  /** Whether larger is better. */
  readonly higherIsBetter: boolean;
  /** Points, oldest first. */
  readonly points: readonly HistoryPoint[];
}

/** Relative worsening from the previous run that flags a change (0.05 = 5%). */
export const CHANGE_THRESHOLD = 0.05;

/** Options of {@link historySeries}. */
export interface HistoryOptions {
  /** Relative worsening that flags a change (default {@linkcode CHANGE_THRESHOLD}). */
  readonly threshold?: number;
}

interface Raw {
  targetId: string;
  modelId: string;
  metric: string;
  higherIsBetter: boolean;
  runId: string;
  at: string;
  value: number;
}

function extract(c: CellRecord): Raw[] {
  const base = { targetId: c.target.id, modelId: c.model.id, runId: c.runId, at: c.finishedAt };
  const out: Raw[] = [];
  const profile = c.settings.profile;
  if (profile === "latency" && c.efficiency !== null) {
    const e = c.efficiency, suffix = c.task === null ? "" : `:${c.task.id}`;
    for (const m of MEASURES) {
      const value = recordValue(m, e);
      // null: the target cannot read its process memory, so there is no point to plot
      if (value === null) continue;
      out.push({
        ...base,
        metric: `${m.column}${suffix}`,
        higherIsBetter: m.higherIsBetter,
        value,
      });
    }
  } else if (profile === "quality" && c.quality !== null && c.task !== null) {
    const v = c.quality.metrics[c.quality.primary];
    if (v !== undefined) {
      out.push({
        ...base,
        metric: `quality:${c.task.id}`,
        higherIsBetter: v.higherIsBetter,
        value: normalize(c.quality.primary, v).value,
      });
    }
  }
  return out;
}

/** History series of every ok cell, grouped by target, model and metric. */
export function historySeries(
  records: readonly CellRecord[],
  options: HistoryOptions = {},
): HistorySeries[] {
  const threshold = options.threshold ?? CHANGE_THRESHOLD;
  const groups = new Map<string, Raw[]>();
  for (const c of records) {
    if (c.status !== "ok") continue;
    for (const r of extract(c)) {
      const k = [r.targetId, r.modelId, r.metric].join("\u0000");
      const g = groups.get(k) ?? [];
      g.push(r);
      groups.set(k, g);
    }
  }
  const out: HistorySeries[] = [];
  for (const g of groups.values()) {
    // One point per run: the run's newest value.
    const perRun = new Map<string, Raw>();
    for (const r of g) {
      const prev = perRun.get(r.runId);
      if (prev === undefined || r.at > prev.at) perRun.set(r.runId, r);
    }
    const sorted = [...perRun.values()].sort((a, b) => a.at.localeCompare(b.at));
    const first = sorted[0]!;
    const points: HistoryPoint[] = sorted.map((r, i) => {
      const prev = i > 0 ? sorted[i - 1]!.value : null;
      const change = prev === null || prev === 0 ? null : (r.value - prev) / Math.abs(prev);
      const worse = change === null ? 0 : first.higherIsBetter ? -change : change;
      return { runId: r.runId, at: r.at, value: r.value, change, flagged: worse > threshold };
    });
    out.push({
      targetId: first.targetId,
      modelId: first.modelId,
      metric: first.metric,
      higherIsBetter: first.higherIsBetter,
      points,
    });
  }
  out.sort((a, b) =>
    a.targetId.localeCompare(b.targetId) || a.metric.localeCompare(b.metric) ||
    a.modelId.localeCompare(b.modelId)
  );
  return out;
}
