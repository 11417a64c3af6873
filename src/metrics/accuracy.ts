/**
 * `accuracy`: the prediction equals a reference after trimming, lowercasing
 * and collapsing whitespace (for label outputs); the mean on 0-1, like
 * sklearn and Hugging Face `accuracy`.
 *
 * @module
 */
import { matchMetric } from "./match.ts";
import { pySplit } from "./py_text.ts";

/** The `accuracy` metric (key `score`, 0-1). */
export const accuracy = matchMetric({
  name: "accuracy",
  scale: 1,
  match: "trim-lower-space",
  normalize: (s) => pySplit(s.toLowerCase()).join(" "),
});
