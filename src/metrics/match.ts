/**
 * The string-match metrics: `exact_match` (the prediction, trimmed, equals a
 * trimmed reference exactly; 0-100) and `accuracy` (the prediction equals a
 * reference after trimming, lowercasing and collapsing whitespace; 0-1, as
 * for a classification label).
 *
 * @module
 */
import { MetricError } from "../core/errors.ts";
import type { MetricName } from "../core/metric.ts";
import { pySplit } from "./py_text.ts";
import type { RefCount, SignedMetric } from "./types.ts";

function matchMetric(
  name: MetricName,
  normalize: (s: string) => string,
  scale: 1 | 100,
  description: string,
): SignedMetric {
  const stats = (prediction: string, references: readonly string[]): number[] => {
    if (references.length === 0) {
      throw new MetricError(`${name}: sample has no reference`, { field: "references", value: [] });
    }
    const p = normalize(prediction);
    return [references.some((r) => normalize(r) === p) ? 1 : 0];
  };
  const signatureFor = (nrefs: RefCount): string =>
    `nrefs:${nrefs}|match:${description}|multi:any|agg:mean|scale:${scale}`;
  return {
    name,
    keys: [{ key: "score", higherIsBetter: true }],
    primary: "score",
    scale,
    stats,
    aggregate: (sums, n) => ({ score: scale * (sums[0] ?? 0) / n }),
    sampleScores: (p, r) => ({ score: scale * (stats(p, r)[0] ?? 0) }),
    signature: () => signatureFor(1),
    signatureFor,
  };
}

/** `exact_match`: trimmed prediction equals a trimmed reference; 0-100. */
export function createExactMatch(): SignedMetric {
  return matchMetric("exact_match", (s) => s.trim(), 100, "trim");
}

/** `accuracy`: equality after trim, lowercase and whitespace collapse; 0-1. */
export function createAccuracy(): SignedMetric {
  return matchMetric("accuracy", (s) => pySplit(s.toLowerCase()).join(" "), 1, "trim-lower-space");
}
