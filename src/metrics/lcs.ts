/**
 * Longest common subsequence helpers for ROUGE-L and ROUGE-Lsum, on integer
 * token ids with typed arrays. `lcsIndices` backtracks exactly as rouge-score's
 * `_backtrack_norec` does, so ties pick the same subsequence.
 *
 * @module
 */

import { MetricError } from "../core/errors.ts";

/**
 * The largest LCS table (tokens of one text times tokens of the other) ROUGE-L and ROUGE-Lsum
 * compute: 25 million cells, e.g. two 5,000-token texts (about 0.1 s and, for Lsum's
 * backtracking table, 100 MB). The programme is quadratic (rouge-score's too): a 5 MB single
 * line against itself would need 10^12 cells. Over the limit a `MetricError` says so.
 */
export const MAX_LCS_CELLS = 25_000_000;

function checkSize(a: number, b: number): void {
  if (a * b > MAX_LCS_CELLS) {
    throw new MetricError(
      `rouge: the LCS of a ${a}-token text and a ${b}-token text needs ${a * b} table cells, ` +
        `over the limit of ${MAX_LCS_CELLS} (ROUGE-L is quadratic); shorten or split the texts ` +
        `(ROUGE-Lsum splits on newlines)`,
      { field: "rougeL" },
    );
  }
}

/** Length of the LCS of `a` and `b` (two-row dynamic programme); see `MAX_LCS_CELLS`. */
export function lcsLength(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkSize(a.length, b.length);
  const n = b.length;
  let prev = new Int32Array(n + 1);
  let cur = new Int32Array(n + 1);
  for (let i = 0; i < a.length; i++) {
    const ai = a[i];
    for (let j = 1; j <= n; j++) {
      cur[j] = ai === b[j - 1]
        ? (prev[j - 1] as number) + 1
        : Math.max(prev[j] as number, cur[j - 1] as number);
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[n] as number;
}

/**
 * Indices into `ref` of one LCS of `ref` and `can`, chosen like rouge-score's
 * `lcs_ind` (full table, then backtrack preferring to move left in `can`
 * only when that cell is strictly larger); see `MAX_LCS_CELLS`.
 */
export function lcsIndices(ref: ArrayLike<number>, can: ArrayLike<number>): number[] {
  checkSize(ref.length, can.length);
  const m = ref.length;
  const n = can.length;
  const w = n + 1;
  const t = new Int32Array((m + 1) * w);
  for (let i = 1; i <= m; i++) {
    const ri = ref[i - 1];
    for (let j = 1; j <= n; j++) {
      t[i * w + j] = ri === can[j - 1]
        ? (t[(i - 1) * w + j - 1] as number) + 1
        : Math.max(t[(i - 1) * w + j] as number, t[i * w + j - 1] as number);
    }
  }
  const out: number[] = [];
  let i = m;
  let j = n;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      out.push(i - 1);
      i--;
      j--;
    } else if ((t[i * w + j - 1] as number) > (t[(i - 1) * w + j] as number)) {
      j--;
    } else {
      i--;
    }
  }
  return out.reverse();
}
