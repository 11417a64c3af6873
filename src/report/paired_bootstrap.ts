/**
 * Paired bootstrap of the mean difference of per-sample scores between two
 * models scored on the same samples (Koehn 2004). Resampling the same sample
 * indices for both models removes the between-sample variance that makes
 * interval overlap a conservative test.
 *
 * @module
 */
import { mulberry32 } from "./prng.ts";
import type { Interval } from "./types.ts";

/** Options of {@link pairedBootstrap}. */
export interface PairedBootstrapOptions {
  /** Number of resamples (default 1000). */
  readonly resamples?: number;
  /** PRNG seed (default 12345). */
  readonly seed?: number;
}

/**
 * The mean of `a[i] - b[i]` with a 95% percentile bootstrap interval.
 * Throws a RangeError when the arrays differ in length or are empty.
 *
 * @example
 * ```ts
 * import { pairedBootstrap } from "./paired_bootstrap.ts";
 * const d = pairedBootstrap([1, 1, 1, 0], [0, 0, 1, 0]);
 * d.value; // 0.5
 * ```
 */
export function pairedBootstrap(
  a: readonly number[],
  b: readonly number[],
  options: PairedBootstrapOptions = {},
): Interval {
  const n = a.length;
  if (n === 0 || n !== b.length) {
    throw new RangeError(`pairedBootstrap: need equal non-empty arrays, got ${n} and ${b.length}`);
  }
  const diff = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    diff[i] = (a[i] ?? 0) - (b[i] ?? 0);
    total += diff[i]!;
  }
  const resamples = options.resamples ?? 1000;
  const rand = mulberry32(options.seed ?? 12345);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += diff[Math.floor(rand() * n)]!;
    means[r] = s / n;
  }
  means.sort();
  const lo = means[Math.floor(0.025 * (resamples - 1))]!;
  const hi = means[Math.ceil(0.975 * (resamples - 1))]!;
  return { value: total / n, low: lo, high: hi };
}
