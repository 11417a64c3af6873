/**
 * Corpus scoring: per-sample statistics, point estimate, bootstrap interval
 * for every key, and the signature with the number of references used.
 *
 * @module
 */
import { MetricError } from "../core/errors.ts";
import type { Metric } from "../core/metric.ts";
import type { MetricValue } from "../core/record.ts";
import {
  bootstrapIntervals,
  type BootstrapOptions,
  pairedBootstrap,
  type PairedKeyResult,
  resolveBootstrap,
  type StatsMatrix,
  toMatrix,
} from "./bootstrap.ts";
import type { RefCount, SignedMetric } from "./types.ts";

/** A scored corpus: every key with its value and 95% interval, plus provenance. */
export interface CorpusScore {
  /** Metric name. */
  readonly metric: string;
  /** Primary key, e.g. `score` or `rougeL`. */
  readonly primary: string;
  /** Scale of the values (1 or 100). */
  readonly scale: 1 | 100;
  /** Number of samples. */
  readonly n: number;
  /** Signature naming implementation, settings and `nrefs`. */
  readonly signature: string;
  /** Every key with value and interval, in the metric's key order. */
  readonly scores: Readonly<Record<string, MetricValue>>;
  /** Resampling settings used. */
  readonly bootstrap: { readonly resamples: number; readonly seed: number };
}

/** The number of (non-empty) references per sample, or `"var"` when it varies. */
export function refCount(references: readonly (readonly string[])[]): RefCount {
  const counts = new Set(references.map((r) => r.filter((x) => x !== "").length));
  return counts.size === 1 ? [...counts][0] as number : "var";
}

/** Signature of `metric` for `references`. */
export function signatureOf(metric: Metric, references: readonly (readonly string[])[]): string {
  const m = metric as Partial<SignedMetric>;
  return typeof m.signatureFor === "function"
    ? m.signatureFor(refCount(references))
    : metric.signature();
}

function checkAligned(
  predictions: readonly string[],
  references: readonly (readonly string[])[],
): void {
  if (predictions.length !== references.length) {
    throw new MetricError(
      `${predictions.length} predictions but ${references.length} reference sets`,
      { field: "references", value: references.length },
    );
  }
  if (predictions.length === 0) {
    throw new MetricError("cannot score an empty corpus", { field: "predictions", value: 0 });
  }
}

/** Per-sample statistics of a corpus as a matrix. */
export function corpusStats(
  metric: Metric,
  predictions: readonly string[],
  references: readonly (readonly string[])[],
): StatsMatrix {
  checkAligned(predictions, references);
  return toMatrix(predictions.map((p, i) => metric.stats(p, references[i] as readonly string[])));
}

/**
 * Scores a corpus: `predictions[i]` against `references[i]` (one or more
 * references per sample). Throws `MetricError` on mismatched lengths or an
 * empty corpus.
 */
export function scoreCorpus(
  metric: Metric,
  predictions: readonly string[],
  references: readonly (readonly string[])[],
  options: BootstrapOptions = {},
): CorpusScore {
  const boot = resolveBootstrap(options);
  const matrix = corpusStats(metric, predictions, references);
  const { point, intervals } = bootstrapIntervals(metric, matrix, boot);
  const scores: Record<string, MetricValue> = {};
  for (const { key, higherIsBetter } of metric.keys) {
    const iv = intervals[key] as { low: number; high: number };
    scores[key] = { value: point[key] ?? NaN, ciLow: iv.low, ciHigh: iv.high, higherIsBetter };
  }
  return {
    metric: metric.name,
    primary: metric.primary,
    scale: metric.scale,
    n: matrix.n,
    signature: signatureOf(metric, references),
    scores,
    bootstrap: boot,
  };
}

/** Paired bootstrap comparison of two systems' predictions on the same references. */
export function compareSystems(
  metric: Metric,
  baseline: readonly string[],
  system: readonly string[],
  references: readonly (readonly string[])[],
  options: BootstrapOptions = {},
): Record<string, PairedKeyResult> {
  return pairedBootstrap(
    metric,
    corpusStats(metric, baseline, references),
    corpusStats(metric, system, references),
    options,
  );
}

/** Turns sacreBLEU-style reference streams (one array per reference set) into per-sample lists. */
export function transposeStreams(streams: readonly (readonly string[])[]): string[][] {
  if (streams.length === 0) return [];
  const n = (streams[0] as readonly string[]).length;
  streams.forEach((s, i) => {
    if (s.length !== n) {
      throw new MetricError(`reference stream ${i + 1} has ${s.length} lines, expected ${n}`, {
        field: `references[${i}]`,
        value: s.length,
      });
    }
  });
  return Array.from({ length: n }, (_, i) => streams.map((s) => s[i] as string));
}
