/**
 * The string-match metrics' common shape: 1 when the prediction, normalised,
 * equals one of the references, normalised; the corpus score is the mean on
 * the metric's scale. `exact_match.ts` and `accuracy.ts` describe the two.
 *
 * @module
 */
import { MetricError } from "../core/errors.ts";
import { defineMetric, type MetricDescriptor } from "./descriptor.ts";

/** What a string-match metric states about itself. */
export interface MatchSpec<N extends string> {
  /** Metric name. */
  readonly name: N;
  /** Scale of the score: 1 (0-1) or 100 (0-100). */
  readonly scale: 1 | 100;
  /** The normalisation as the signature names it, e.g. `trim`. */
  readonly match: string;
  /** The normalisation applied to the prediction and to each reference. */
  normalize(text: string): string;
}

/** A string-match metric (key `score`, no options). */
export function matchMetric<const N extends string>(
  { name, scale, match, normalize }: MatchSpec<N>,
): MetricDescriptor<N, Record<never, never>> {
  return defineMetric({
    name,
    keys: ["score"],
    scale,
    meanOfSamples: true,
    options: {},
    signature: (_o, nrefs) => `nrefs:${nrefs}|match:${match}|multi:any|agg:mean|scale:${scale}`,
    scorer: () => {
      const stats = (prediction: string, references: readonly string[]): number[] => {
        if (references.length === 0) {
          throw new MetricError(`${name}: sample has no reference`, {
            field: "references",
            value: [],
          });
        }
        const p = normalize(prediction);
        return [references.some((r) => normalize(r) === p) ? 1 : 0];
      };
      return {
        keys: [{ key: "score", higherIsBetter: true }],
        primary: "score",
        stats,
        aggregate: (sums, n) => ({ score: scale * (sums[0] ?? 0) / n }),
        sampleScores: (p, r) => ({ score: scale * (stats(p, r)[0] ?? 0) }),
      };
    },
  });
}
