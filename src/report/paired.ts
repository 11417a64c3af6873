/**
 * The paired test between two cells scored on the same samples: ties in the
 * ranks, KD deltas and the comparison of two runs all use it. It is the one
 * paired bootstrap of `metrics/bootstrap.ts` (same resamples, interval rule
 * and seed), fed with per-sample sufficient statistics: for a metric whose
 * corpus score is not a mean (its descriptor's `meanOfSamples` is false:
 * BLEU and chrF) the statistics (n-gram counts) are recomputed from each
 * sample's prediction and references, so the corpus score is re-aggregated
 * per resample; for the mean metrics (ROUGE, SQuAD, exact match, accuracy)
 * the statistic is the per-sample score recorded at evaluation time.
 *
 * @module
 */
import type { Metric } from "../core/metric.ts";
import type { SampleRecord } from "../core/record.ts";
import {
  type PairedKeyResult,
  pairResampled,
  type Resampled,
  resampleMatrix,
  toMatrix,
} from "../metrics/bootstrap.ts";
import { findMetric } from "../metrics/registry.ts";
import { sampleScore } from "./samples.ts";
import type { SamplesByCell } from "./types.ts";

/** What to compare: `system` minus `baseline` (cell keys) on the metric key `primary`. */
export interface CellPair {
  /** Cell key of the system (the first term of the difference). */
  readonly system: string;
  /** Cell key of the baseline. */
  readonly baseline: string;
  /** Metric key as records write it, e.g. `bleu.score` or `rouge.rougeL`. */
  readonly primary: string;
  /** True when a larger value is better. */
  readonly higherIsBetter: boolean;
  /** Fewest shared samples for a test (default 10); fewer gives null. */
  readonly minPairs?: number;
}

function meanOf(name: string, key: string, higherIsBetter: boolean): Metric {
  return {
    name,
    keys: [{ key, higherIsBetter }],
    primary: key,
    scale: 100,
    stats: () => [],
    aggregate: (sums, n) => ({ [key]: (sums[0] ?? NaN) / n }),
    sampleScores: () => ({}),
    signature: () => `mean:${name}.${key}`,
  };
}

/**
 * Per-sample statistics already computed, by samples array and primary key: a cell is compared
 * with several others (ranks, references, KD) and its statistics are the same each time.
 */
const computed = new WeakMap<readonly SampleRecord[], Map<string, Map<string, number[]>>>();

function statsRows(
  samples: readonly SampleRecord[],
  metric: Metric | null,
  primary: string,
): ReadonlyMap<string, number[]> {
  const byPrimary = computed.get(samples) ?? new Map<string, Map<string, number[]>>();
  computed.set(samples, byPrimary);
  const known = byPrimary.get(primary);
  if (known !== undefined) return known;
  const out = new Map<string, number[]>();
  byPrimary.set(primary, out);
  for (const s of samples) {
    if (metric !== null) {
      out.set(s.sampleId, metric.stats(s.prediction, s.references));
    } else {
      const v = sampleScore(s, primary);
      if (v !== undefined) out.set(s.sampleId, [v]);
    }
  }
  return out;
}

/**
 * The paired bootstrap of `system - baseline` on the samples both cells
 * scored (joined by sample id), in the metric's own units, with its 95%
 * interval and verdict; null when either cell lacks samples or fewer than
 * `minPairs` are shared.
 *
 * @example
 * ```ts ignore
 * const r = compareCells(samples, { system, baseline, primary: "bleu.score", higherIsBetter: true });
 * r?.verdict; // "system" | "baseline" | "tie"
 * ```
 */
export function compareCells(samples: SamplesByCell, pair: CellPair): PairedKeyResult | null {
  const sa = samples.get(pair.system), sb = samples.get(pair.baseline);
  if (sa === undefined || sb === undefined) return null;
  const dot = pair.primary.indexOf(".");
  const name = dot >= 0 ? pair.primary.slice(0, dot) : pair.primary;
  const key = dot >= 0 ? pair.primary.slice(dot + 1) : pair.primary;
  const descriptor = findMetric(name);
  // A corpus score that is not a mean of sample scores is resampled from its statistics.
  const corpus = descriptor?.meanOfSamples === false ? descriptor.create() : null;
  const a = statsRows(sa, corpus, pair.primary), b = statsRows(sb, corpus, pair.primary);
  const ids = [...a.keys()].filter((id) => b.has(id)).sort();
  if (ids.length < (pair.minPairs ?? 10)) return null;
  const metric = corpus ?? meanOf(name, key, pair.higherIsBetter);
  const result = pairResampled(
    metric,
    resampled(sb, metric, pair.primary, ids, b),
    resampled(sa, metric, pair.primary, ids, a),
  )[key];
  return result ?? null;
}

/**
 * Resamples already drawn, by samples array, primary key and the sample ids resampled: the
 * resamples of `n` rows are the same for every cell under the one seed, so a cell's resampled
 * values serve every pair it is in (a task of `m` models resamples `m` cells, not `m(m-1)`).
 */
const resampledBy = new WeakMap<readonly SampleRecord[], Map<string, Resampled>>();

function resampled(
  samples: readonly SampleRecord[],
  metric: Metric,
  primary: string,
  ids: readonly string[],
  rows: ReadonlyMap<string, number[]>,
): Resampled {
  const known = resampledBy.get(samples) ?? new Map<string, Resampled>();
  resampledBy.set(samples, known);
  const id = `${primary}\n${ids.join("\n")}`;
  const hit = known.get(id);
  if (hit !== undefined) return hit;
  const made = resampleMatrix(metric, toMatrix(ids.map((i) => rows.get(i)!)));
  known.set(id, made);
  return made;
}
