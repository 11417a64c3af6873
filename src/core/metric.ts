/**
 * The metric contract. Every corpus metric is computed from per-sample
 * sufficient statistics, so bootstrap resampling only re-sums rows:
 * BLEU and chrF sum n-gram counts (as sacreBLEU does); ROUGE and SQuAD
 * average per-sample scores (as rouge-score and the SQuAD script do).
 *
 * @module
 */

/** One sub-score a metric reports, e.g. `rougeL` or `f1`. */
export interface MetricKey {
  /** Sub-score name, unique within the metric. */
  readonly key: string;
  /** True when a larger value is better. */
  readonly higherIsBetter: boolean;
}

/** A corpus metric defined by per-sample sufficient statistics. */
export interface Metric {
  /** Metric name as task files and the command line write it (see `metrics/registry.ts`). */
  readonly name: string;
  /** The sub-scores, in display order. */
  readonly keys: readonly MetricKey[];
  /** The sub-score that stands for the metric as a whole. */
  readonly primary: string;
  /** Scale of the scores: 100 for sacreBLEU/SQuAD-style, 1 for rouge-score style. */
  readonly scale: 1 | 100;
  /** Sufficient statistics of one sample (fixed length for a given metric). */
  stats(prediction: string, references: readonly string[]): number[];
  /** Corpus scores from statistics summed over `n` samples. */
  aggregate(sums: readonly number[], n: number): Record<string, number>;
  /** Per-sample scores for logs and the instance viewer. */
  sampleScores(prediction: string, references: readonly string[]): Record<string, number>;
  /** A signature string naming the implementation and its settings (sacreBLEU-style). */
  signature(): string;
}

/** A corpus score with its confidence interval. */
export interface ScoreWithCI {
  /** Point estimate on the full corpus. */
  readonly value: number;
  /** Lower bound of the 95% bootstrap interval. */
  readonly ciLow: number;
  /** Upper bound of the 95% bootstrap interval. */
  readonly ciHigh: number;
  /** True when a larger value is better. */
  readonly higherIsBetter: boolean;
}
