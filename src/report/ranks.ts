/**
 * Ranks with statistical ties, the rule Chatbot Arena uses: a model's rank is
 * 1 + the number of models that are significantly better than it. Models
 * that share a rank are tied and shown as `=k`. "Significantly better" is
 * decided by the caller: non-overlapping 95% intervals ({@link ciBetter}), or
 * a paired bootstrap on per-sample scores when both models were scored on the
 * same samples (see `paired_bootstrap.ts`).
 *
 * @module
 */
import type { Interval, Rank } from "./types.ts";

/**
 * True when `a` is significantly better than `b` by the interval rule: the
 * 95% intervals do not overlap and `a` lies on the better side.
 */
export function ciBetter(a: Interval, b: Interval, higherIsBetter = true): boolean {
  return higherIsBetter ? a.low > b.high : a.high < b.low;
}

/**
 * Ranks `n` items given a "significantly better" relation.
 *
 * @example
 * ```ts
 * import { ciBetter, rankWithTies } from "./ranks.ts";
 * const xs = [{ value: 90, low: 88, high: 92 }, { value: 89, low: 87, high: 91 }, { value: 70, low: 68, high: 72 }];
 * rankWithTies(xs.length, (i, j) => ciBetter(xs[i]!, xs[j]!)).map((r) => r.label);
 * // ["=1", "=1", "3"]
 * ```
 */
export function rankWithTies(n: number, better: (i: number, j: number) => boolean): Rank[] {
  const ranks: number[] = [];
  for (let i = 0; i < n; i++) {
    let above = 0;
    for (let j = 0; j < n; j++) if (j !== i && better(j, i)) above++;
    ranks.push(above + 1);
  }
  const counts = new Map<number, number>();
  for (const r of ranks) counts.set(r, (counts.get(r) ?? 0) + 1);
  return ranks.map((rank) => {
    const tied = (counts.get(rank) ?? 0) > 1;
    return { rank, tied, label: tied ? `=${rank}` : String(rank) };
  });
}
