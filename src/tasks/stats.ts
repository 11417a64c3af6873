/**
 * Length statistics of a task's inputs and outputs: mean and p95 in
 * characters and tokens, and the output/input ratio. Pure functions, shared
 * by `deno task tasks` and the leaderboard.
 *
 * @module
 */

/** Mean and 95th percentile of a list of lengths. */
export interface LengthSummary {
  /** Arithmetic mean (0 for no values). */
  readonly mean: number;
  /** 95th percentile, nearest-rank method (0 for no values). */
  readonly p95: number;
  /** Largest value (0 for no values). */
  readonly max: number;
}

/** Length statistics of input/output pairs. */
export interface LengthStats {
  /** Number of pairs. */
  readonly n: number;
  /** Input length in characters (Unicode code points). */
  readonly inputChars: LengthSummary;
  /** Output length in characters. */
  readonly outputChars: LengthSummary;
  /** Input length in tokens. */
  readonly inputTokens: LengthSummary;
  /** Output length in tokens. */
  readonly outputTokens: LengthSummary;
  /** Mean output tokens / mean input tokens (0 when the input mean is 0). */
  readonly ratioTokens: number;
  /** Mean output characters / mean input characters. */
  readonly ratioChars: number;
}

/**
 * Mean, nearest-rank p95 and max of `values`.
 *
 * @example
 * ```ts
 * import { summarizeLengths } from "./stats.ts";
 * summarizeLengths([1, 2, 3, 4]); // { mean: 2.5, p95: 4, max: 4 }
 * ```
 */
export function summarizeLengths(values: readonly number[]): LengthSummary {
  if (values.length === 0) return { mean: 0, p95: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  const rank = Math.max(1, Math.ceil(0.95 * sorted.length));
  return {
    mean: sum / sorted.length,
    p95: sorted[rank - 1] as number,
    max: sorted[sorted.length - 1] as number,
  };
}

/** Number of whitespace-separated words: the fallback token count. */
export function whitespaceTokens(text: string): number {
  const t = text.trim();
  return t === "" ? 0 : t.split(/\s+/).length;
}

/** Number of Unicode code points. */
export function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Length statistics of pairs, counting tokens with `countTokens`
 * (default: whitespace words).
 */
export function lengthStats(
  pairs: readonly { readonly input: string; readonly output: string }[],
  countTokens: (text: string) => number = whitespaceTokens,
): LengthStats {
  const inputChars = summarizeLengths(pairs.map((p) => charLength(p.input)));
  const outputChars = summarizeLengths(pairs.map((p) => charLength(p.output)));
  const inputTokens = summarizeLengths(pairs.map((p) => countTokens(p.input)));
  const outputTokens = summarizeLengths(pairs.map((p) => countTokens(p.output)));
  return {
    n: pairs.length,
    inputChars,
    outputChars,
    inputTokens,
    outputTokens,
    ratioTokens: inputTokens.mean === 0 ? 0 : outputTokens.mean / inputTokens.mean,
    ratioChars: inputChars.mean === 0 ? 0 : outputChars.mean / inputChars.mean,
  };
}
