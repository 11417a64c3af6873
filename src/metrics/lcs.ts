/**
 * Longest common subsequence helpers for ROUGE-L and ROUGE-Lsum, on integer
 * token ids with typed arrays. `lcsIndices` backtracks exactly as rouge-score's
 * `_backtrack_norec` does, so ties pick the same subsequence.
 *
 * @module
 */

/** Length of the LCS of `a` and `b` (two-row dynamic programme). */
export function lcsLength(a: ArrayLike<number>, b: ArrayLike<number>): number {
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
 * only when that cell is strictly larger).
 */
export function lcsIndices(ref: ArrayLike<number>, can: ArrayLike<number>): number[] {
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
