/** Summary statistics of repeated measurements. @module */
import type { Stat } from "../core/record.ts";

/** Linear-interpolated quantile (numpy's default) of sorted values; q in [0, 1]. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (pos - lo);
}

/**
 * Mean, p50, p90, p99 (linear interpolation), sample standard deviation
 * (n - 1; 0 for one value), min, max and n. Non-finite values are dropped;
 * no values gives n = 0 and zeros.
 */
export function summarize(values: readonly number[]): Stat {
  const xs = values.filter(Number.isFinite).sort((a, b) => a - b);
  const n = xs.length;
  if (n === 0) return { mean: 0, p50: 0, p90: 0, p99: 0, stdev: 0, min: 0, max: 0, n: 0 };
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const variance = n > 1 ? xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1) : 0;
  return {
    mean,
    p50: quantile(xs, 0.5),
    p90: quantile(xs, 0.9),
    p99: quantile(xs, 0.99),
    stdev: Math.sqrt(variance),
    min: xs[0] ?? 0,
    max: xs[n - 1] ?? 0,
    n,
  };
}
