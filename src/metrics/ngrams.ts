/**
 * N-gram counting shared by BLEU and chrF. N-grams are keyed by their tokens
 * joined with a single space; tokens never contain whitespace, so the key is
 * unambiguous across orders.
 *
 * @module
 */

/** Counts word n-grams of orders `minOrder..maxOrder` into one map. */
export function countWordNgrams(
  tokens: readonly string[],
  minOrder: number,
  maxOrder: number,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (let n = minOrder; n <= maxOrder; n++) {
    for (let i = 0; i + n <= tokens.length; i++) {
      let key = tokens[i] as string;
      for (let k = 1; k < n; k++) key += " " + tokens[i + k];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

/** Counts word n-grams of exactly order `n`. */
export function countWordNgramsOfOrder(tokens: readonly string[], n: number): Map<string, number> {
  return countWordNgrams(tokens, n, n);
}

/** Counts character n-grams of order `n` over a sequence of code points. */
export function countCharNgrams(
  chars: readonly string[],
  joined: string,
  n: number,
): Map<string, number> {
  const counts = new Map<string, number>();
  const simple = chars.length === joined.length;
  for (let i = 0; i + n <= chars.length; i++) {
    const key = simple ? joined.slice(i, i + n) : chars.slice(i, i + n).join("");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
