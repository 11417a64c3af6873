/**
 * Per-target efficiency of a model from its latency cells. When a model has
 * latency cells for several tasks on one target, the statistics are pooled:
 * means and percentiles weighted by sample count, stdev pooled with the
 * spread of the means, min/max and peak memory taken over all cells (peak
 * memory over the cells that measured it: null where none did).
 *
 * @module
 */
import type { CellRecord, Stat } from "../core/record.ts";
import { MEASURES } from "./measures.ts";
import type { TargetEfficiency } from "./types.ts";

/** The measures' fields of a {@linkcode TargetEfficiency}. */
type MeasureFields = Pick<TargetEfficiency, (typeof MEASURES)[number]["field"]>;

/** Pools several summary statistics of the same quantity. */
export function poolStats(stats: readonly Stat[]): Stat {
  const total = stats.reduce((s, x) => s + x.n, 0);
  if (stats.length === 1 || total === 0) {
    const first = stats[0];
    if (first === undefined) throw new RangeError("poolStats: no statistics");
    return first;
  }
  const w = (f: (s: Stat) => number): number => stats.reduce((s, x) => s + f(x) * x.n, 0) / total;
  const mean = w((s) => s.mean);
  const variance = w((s) => s.stdev ** 2 + (s.mean - mean) ** 2);
  return {
    mean,
    p50: w((s) => s.p50),
    p90: w((s) => s.p90),
    p99: w((s) => s.p99),
    stdev: Math.sqrt(variance),
    min: Math.min(...stats.map((s) => s.min)),
    max: Math.max(...stats.map((s) => s.max)),
    n: total,
  };
}

/** The largest of the non-null values; null when there is none. */
function maxOrNull(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : Math.max(...known);
}

/** Efficiency on one target from that target's latency cells of one model. */
export function targetEfficiency(cells: readonly CellRecord[]): TargetEfficiency | null {
  const withEff = cells.filter((c) => c.efficiency !== null);
  const first = withEff[0];
  if (first === undefined) return null;
  // A task-free latency cell (synthetic input) stands for the model on its own.
  const generic = withEff.filter((c) => c.task === null);
  const used = generic.length > 0 ? generic : withEff;
  const effs = used.map((c) => c.efficiency!);
  const newest = used.reduce((a, b) => (b.finishedAt > a.finishedAt ? b : a));
  const measures: Record<string, Stat | number | null> = {};
  for (const m of MEASURES) {
    measures[m.field] = m.kind === "timed" ? poolStats(effs.map(m.of)) : maxOrNull(effs.map(m.of));
  }
  return {
    targetId: first.target.id,
    // each field of MEASURES, set above with the type its kind gives it
    ...(measures as unknown as MeasureFields),
    cellKeys: used.map((c) => c.cellKey),
    runId: newest.runId,
  };
}

/** 95% interval of a mean from its summary statistics (normal approximation). */
export function meanInterval(s: Stat): { value: number; low: number; high: number } {
  const half = s.n > 1 ? (1.96 * s.stdev) / Math.sqrt(s.n) : 0;
  return { value: s.mean, low: s.mean - half, high: s.mean + half };
}
