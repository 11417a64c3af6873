/**
 * Average of normalised task scores with a 95% interval. Tasks are scored on
 * disjoint samples, so their errors are independent: the half-widths of the
 * task intervals combine in quadrature (separately below and above), divided
 * by the number of tasks.
 *
 * @module
 */
import type { Interval } from "./types.ts";

/**
 * Mean of intervals; the bounds combine in quadrature.
 *
 * @example
 * ```ts
 * import { averageIntervals } from "./average.ts";
 * averageIntervals([{ value: 50, low: 47, high: 53 }, { value: 70, low: 66, high: 74 }]);
 * // { value: 60, low: 57.5, high: 62.5 }
 * ```
 */
export function averageIntervals(items: readonly Interval[]): Interval | null {
  if (items.length === 0) return null;
  const k = items.length;
  let sum = 0, below = 0, above = 0;
  for (const it of items) {
    sum += it.value;
    below += (it.value - it.low) ** 2;
    above += (it.high - it.value) ** 2;
  }
  const value = sum / k;
  return { value, low: value - Math.sqrt(below) / k, high: value + Math.sqrt(above) / k };
}
