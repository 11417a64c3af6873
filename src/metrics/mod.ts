/**
 * The metrics: pure functions from predictions and references to scores,
 * matching the canonical implementations (sacreBLEU 2.x for BLEU and chrF,
 * Google rouge-score for ROUGE, the official SQuAD scripts for SQuAD). Each
 * metric is a descriptor (`descriptor.ts`) listed in `METRICS`
 * (`registry.ts`). Use `createMetric(name, options)` and
 * `scoreCorpus(metric, predictions, references, { resamples, seed })`.
 *
 * @module
 */
export {
  createMetric,
  findMetric,
  METRIC_NAMES,
  type MetricName,
  type MetricOptions,
  METRICS,
  type MetricSpec,
} from "./registry.ts";
export { defineMetric, type MetricDescriptor, type Scorer } from "./descriptor.ts";
export { orList } from "./options.ts";
export { bleu, SACREBLEU_VERSION } from "./bleu.ts";
export { chrf } from "./chrf.ts";
export { chrfPlusPlus } from "./chrf_plus_plus.ts";
export { rouge, ROUGE_SCORE_VERSION } from "./rouge.ts";
export { normalizeAnswer, squad } from "./squad.ts";
export { exactMatch } from "./exact_match.ts";
export { accuracy } from "./accuracy.ts";
export {
  bootstrapIntervals,
  DEFAULT_RESAMPLES,
  DEFAULT_SEED,
  pairedBootstrap,
  type PairedKeyResult,
} from "./bootstrap.ts";
export {
  compareSystems,
  type CorpusScore,
  corpusStats,
  refCount,
  scoreCorpus,
  transposeStreams,
} from "./corpus.ts";
export type { RefCount, SignedMetric } from "./types.ts";
