/**
 * chrF++: chrF with word n-grams (sacreBLEU's `CHRF(word_order=2)`), the
 * implementation of `chrf.ts` with a word order of at least 1.
 *
 * @module
 */
import { CHRF_OPTIONS, chrfScorer, chrfSignature } from "./chrf.ts";
import { defineMetric } from "./descriptor.ts";
import { count } from "./options.ts";

const { charOrder, ...rest } = CHRF_OPTIONS;

/** The `chrf++` metric: chrF's options plus the word n-gram order. */
export const chrfPlusPlus = defineMetric({
  name: "chrf++",
  keys: ["score"],
  scale: 100,
  meanOfSamples: false,
  options: {
    charOrder,
    /** Word n-gram order (chrF++ uses words up to this order). */
    wordOrder: count(2, 1),
    ...rest,
  },
  signature: chrfSignature,
  scorer: chrfScorer,
});
