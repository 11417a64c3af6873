/**
 * The project's one statistics path: bootstrap confidence intervals and the
 * one paired bootstrap test, both over per-sample sufficient statistics. A
 * resample draws `n` rows with replacement, sums them, and recomputes every
 * metric key with `metric.aggregate`, so BLEU and chrF are recomputed from
 * n-gram counts as sacreBLEU's `_bootstrap_resample` does (for ROUGE and
 * SQuAD the statistics are the per-sample scores, so this is the mean).
 *
 * One interval rule: the 95% interval takes the resampled values at sorted
 * positions `floor(R/40)` and `R - floor(R/40) - 1` (the bounds of
 * sacreBLEU's `estimate_ci`). One seed: {@link DEFAULT_SEED} (12345,
 * sacreBLEU's), 1000 resamples; row indices are drawn as
 * `floor(u * n)` from the project's PRNG (`core/prng.ts`, mulberry32), so
 * every comparison on the same `n` samples uses the same resamples.
 *
 * @module
 */
import { MetricError } from "../core/errors.ts";
import type { Metric } from "../core/metric.ts";
import { mulberry32 } from "../core/prng.ts";

/** Default number of bootstrap resamples. */
export const DEFAULT_RESAMPLES = 1000;
/** Default bootstrap seed (sacreBLEU's default `SACREBLEU_SEED`). */
export const DEFAULT_SEED = 12345;

/** Resampling settings. */
export interface BootstrapOptions {
  /** Number of resamples (0 disables the interval). Default 1000. */
  readonly resamples?: number;
  /** PRNG seed. Default 12345. */
  readonly seed?: number;
}

/** A per-sample statistics matrix: `n` rows of `width` numbers, row-major. */
export interface StatsMatrix {
  readonly n: number;
  readonly width: number;
  readonly data: Float64Array;
}

/** Lower and upper bound of one key's interval. */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** Result of the paired bootstrap for one key (the `system - baseline` difference). */
export interface PairedKeyResult {
  /** Baseline score on the full corpus. */
  readonly baseline: number;
  /** System score on the full corpus. */
  readonly system: number;
  /** `system - baseline` on the full corpus. */
  readonly delta: number;
  /** Mean of `system - baseline` over the resamples. */
  readonly meanDelta: number;
  /** 95% interval of `system - baseline` over the resamples. */
  readonly ciLow: number;
  readonly ciHigh: number;
  /** Two-sided p-value of the difference (sacreBLEU `paired_bs` style). */
  readonly pValue: number;
  readonly higherIsBetter: boolean;
  /**
   * Which side is significantly better: `system` or `baseline` when the 95%
   * interval of the difference excludes 0, else `tie`.
   */
  readonly verdict: "system" | "baseline" | "tie";
}

/** Checks and returns resample count and seed. */
export function resolveBootstrap(
  options: BootstrapOptions = {},
): { resamples: number; seed: number } {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(resamples) || resamples < 0) {
    throw new MetricError("resamples must be a non-negative integer", {
      field: "resamples",
      value: resamples,
    });
  }
  if (!Number.isSafeInteger(seed)) {
    throw new MetricError("seed must be an integer", { field: "seed", value: seed });
  }
  return { resamples, seed };
}

/** Packs per-sample statistics rows into a matrix (all rows must have the same width). */
export function toMatrix(rows: readonly (readonly number[])[]): StatsMatrix {
  const n = rows.length;
  const width = n > 0 ? (rows[0] as readonly number[]).length : 0;
  const data = new Float64Array(n * width);
  rows.forEach((row, i) => {
    if (row.length !== width) {
      throw new MetricError("statistics rows differ in width", {
        field: `stats[${i}]`,
        value: row.length,
      });
    }
    data.set(row, i * width);
  });
  return { n, width, data };
}

/** Column sums of the whole matrix. */
export function columnSums(m: StatsMatrix): number[] {
  const sums = new Array<number>(m.width).fill(0);
  for (let i = 0; i < m.n; i++) {
    const off = i * m.width;
    for (let k = 0; k < m.width; k++) sums[k] = (sums[k] as number) + (m.data[off + k] as number);
  }
  return sums;
}

function resampleSums(m: StatsMatrix, idx: Uint32Array, into: Float64Array): void {
  into.fill(0);
  const w = m.width;
  const d = m.data;
  for (let j = 0; j < idx.length; j++) {
    const off = (idx[j] as number) * w;
    for (let k = 0; k < w; k++) into[k] = (into[k] as number) + (d[off + k] as number);
  }
}

/** Sorted-position bounds of a 95% interval over `values` (sorted in place). */
export function percentileInterval(values: Float64Array): Interval {
  values.sort();
  const r = values.length;
  const lower = Math.floor(r / 40);
  return { low: values[lower] as number, high: values[r - lower - 1] as number };
}

/** Most row indices of all resamples together that are kept for reuse (4 Mi, 16 MiB). */
const KEPT_DRAW_INDICES = 4 * 2 ** 20;
/** The latest draws kept: cells compared in turn mostly share their `n`. */
let keptDraws: { n: number; resamples: number; seed: number; rows: Uint32Array[] } | null = null;

/**
 * The row indices of each resample in turn: `resamples` arrays of `n` indices drawn as
 * `floor(u * n)` from one seeded stream, the same for every matrix of `n` rows. The latest
 * draws are kept when small enough; larger ones are drawn anew into one reused array.
 */
function* indexDraws(n: number, resamples: number, seed: number): Generator<Uint32Array> {
  const kept = keptDraws;
  if (kept !== null && kept.n === n && kept.resamples === resamples && kept.seed === seed) {
    yield* kept.rows;
    return;
  }
  const rand = mulberry32(seed);
  const keep = n * resamples <= KEPT_DRAW_INDICES;
  const rows: Uint32Array[] = [];
  let idx = new Uint32Array(n);
  for (let r = 0; r < resamples; r++) {
    if (keep && r > 0) idx = new Uint32Array(n);
    for (let j = 0; j < n; j++) idx[j] = Math.floor(rand() * n);
    if (keep) rows.push(idx);
    yield idx;
  }
  if (keep) keptDraws = { n, resamples, seed, rows };
}

/**
 * One matrix's bootstrap: the full-corpus value and the value on each resample, per metric
 * key. The resamples depend only on `n`, their number and the seed, so this can be paired with
 * that of any other matrix of the same samples ({@link pairResampled}): a cell compared with
 * many others is resampled once.
 */
export interface Resampled {
  /** Rows of the matrix. */
  readonly n: number;
  /** Number of resamples. */
  readonly resamples: number;
  /** Seed the resamples were drawn with. */
  readonly seed: number;
  /** `metric.aggregate` of the full sums. */
  readonly point: Readonly<Record<string, number>>;
  /** Per metric key, its value on each resample in draw order (NaN where `aggregate` lacks it). */
  readonly values: Readonly<Record<string, Float64Array>>;
}

/** Resamples a matrix: every metric key's value on each of the seeded resamples. */
export function resampleMatrix(
  metric: Metric,
  m: StatsMatrix,
  options: BootstrapOptions = {},
): Resampled {
  const { resamples, seed } = resolveBootstrap(options);
  if (m.n === 0) throw new MetricError("cannot score an empty corpus", { field: "n", value: 0 });
  const point = metric.aggregate(columnSums(m), m.n);
  const keys = metric.keys.map((k) => k.key);
  const values = keys.map(() => new Float64Array(resamples));
  const sums = new Float64Array(m.width);
  let r = 0;
  for (const idx of indexDraws(m.n, resamples, seed)) {
    resampleSums(m, idx, sums);
    const s = metric.aggregate(Array.from(sums), m.n);
    keys.forEach((k, i) => ((values[i] as Float64Array)[r] = s[k] ?? NaN));
    r++;
  }
  const byKey: Record<string, Float64Array> = {};
  keys.forEach((k, i) => (byKey[k] = values[i] as Float64Array));
  return { n: m.n, resamples, seed, point, values: byKey };
}

/**
 * 95% bootstrap interval of every metric key. Returns the point estimate
 * (`aggregate` of the full sums) and, per key, the interval; when the
 * percentile interval misses the point estimate (possible only for tiny or
 * degenerate corpora, since BLEU and chrF are not means), it is widened to
 * include it.
 */
export function bootstrapIntervals(
  metric: Metric,
  m: StatsMatrix,
  options: BootstrapOptions = {},
): { point: Record<string, number>; intervals: Record<string, Interval> } {
  const { point, values, resamples } = resampleMatrix(metric, m, options);
  const intervals: Record<string, Interval> = {};
  for (const { key: k } of metric.keys) {
    const v = point[k] ?? NaN;
    if (resamples === 0) {
      intervals[k] = { low: v, high: v };
      continue;
    }
    const iv = percentileInterval(values[k] as Float64Array);
    intervals[k] = { low: Math.min(iv.low, v), high: Math.max(iv.high, v) };
  }
  return { point: { ...point }, intervals };
}

/**
 * Paired bootstrap test of a system against a baseline on the same samples
 * (Koehn 2004; sacreBLEU's `paired_bs`): both are resampled with the same
 * indices. The interval is that of `system - baseline` over the resamples.
 * The two-sided p-value shifts the resampled differences to mean zero (the
 * null hypothesis) and counts those at least as far from zero as the
 * observed difference: `p = (c + 1) / (R + 1)`. (sacreBLEU centres the
 * absolute differences and counts strictly larger ones, which gives
 * `1 / (R + 1)` for a system compared with itself; here that case gives 1.)
 */
export function pairedBootstrap(
  metric: Metric,
  baseline: StatsMatrix,
  system: StatsMatrix,
  options: BootstrapOptions = {},
): Record<string, PairedKeyResult> {
  resolveBootstrap(options);
  if (baseline.n !== system.n || baseline.width !== system.width) {
    throw new MetricError("paired bootstrap needs the same samples for both systems", {
      field: "n",
      value: `${baseline.n} vs ${system.n}`,
    });
  }
  return pairResampled(
    metric,
    resampleMatrix(metric, baseline, options),
    resampleMatrix(metric, system, options),
  );
}

/**
 * The paired bootstrap test ({@link pairedBootstrap}) from each side's resampled values, which
 * must come from the same samples in the same order, resampled alike (same `n`, number of
 * resamples and seed): the difference on resample `r` is the system's value minus the
 * baseline's. `metric.keys` says which keys are tested and which way is better.
 *
 * @throws {MetricError} the two sides were resampled differently.
 */
export function pairResampled(
  metric: Pick<Metric, "keys">,
  baseline: Resampled,
  system: Resampled,
): Record<string, PairedKeyResult> {
  if (
    baseline.n !== system.n || baseline.resamples !== system.resamples ||
    baseline.seed !== system.seed
  ) {
    throw new MetricError("paired bootstrap needs the same samples for both systems", {
      field: "n",
      value: `${baseline.n} vs ${system.n}`,
    });
  }
  const resamples = baseline.resamples;
  const out: Record<string, PairedKeyResult> = {};
  for (const { key, higherIsBetter } of metric.keys) {
    const baselineValue = baseline.point[key] ?? NaN;
    const systemValue = system.point[key] ?? NaN;
    const delta = systemValue - baselineValue;
    const d = new Float64Array(resamples);
    const a = baseline.values[key], b = system.values[key];
    for (let r = 0; r < resamples; r++) {
      d[r] = (b === undefined ? NaN : b[r] as number) - (a === undefined ? NaN : a[r] as number);
    }
    let mean = 0;
    for (const x of d) mean += x;
    mean = resamples ? mean / resamples : delta;
    const observed = Math.abs(delta);
    let c = 0;
    for (const x of d) if (Math.abs(x - mean) >= observed) c++;
    const iv = resamples ? percentileInterval(d) : { low: delta, high: delta };
    const up = resamples > 0 && iv.low > 0, down = resamples > 0 && iv.high < 0;
    const better = higherIsBetter ? up : down, worse = higherIsBetter ? down : up;
    out[key] = {
      baseline: baselineValue,
      system: systemValue,
      delta,
      meanDelta: mean,
      ciLow: iv.low,
      ciHigh: iv.high,
      pValue: (c + 1) / (resamples + 1),
      higherIsBetter,
      verdict: better ? "system" : worse ? "baseline" : "tie",
    };
  }
  return out;
}
