/**
 * `exact_match`: the prediction, trimmed, equals a trimmed reference
 * (case-sensitive); the mean on 0-100.
 *
 * @module
 */
import { matchMetric } from "./match.ts";

/** The `exact_match` metric (key `score`, 0-100). */
export const exactMatch = matchMetric({
  name: "exact_match",
  scale: 100,
  match: "trim",
  normalize: (s) => s.trim(),
});
