/**
 * Normalisation of metric values to a common 0-100 scale, so that tasks with
 * different metrics can be averaged. BLEU, chrF, SQuAD EM/F1 and the other
 * sacreBLEU-style metrics are already on 0-100; rouge-score style ROUGE
 * values (and `accuracy`) are on 0-1 and are multiplied by 100.
 *
 * @module
 */
import type { MetricValue } from "../core/record.ts";
import type { Interval } from "./types.ts";

/** Metric names whose values are on a 0-1 scale. */
const UNIT_SCALE: ReadonlySet<string> = new Set(["rouge", "accuracy"]);

/**
 * Scale of a metric key (`metric.key`): 1 for ROUGE and accuracy, 100 otherwise.
 *
 * @example
 * ```ts
 * import { metricScale } from "./normalize.ts";
 * metricScale("rouge.rougeL"); // 1
 * metricScale("bleu.bleu"); // 100
 * ```
 */
export function metricScale(metricKey: string): 1 | 100 {
  const name = metricKey.split(".")[0] ?? metricKey;
  return UNIT_SCALE.has(name) ? 1 : 100;
}

/** A metric value with its CI rescaled to 0-100. */
export function normalize(metricKey: string, value: MetricValue): Interval {
  const f = 100 / metricScale(metricKey);
  return { value: value.value * f, low: value.ciLow * f, high: value.ciHigh * f };
}
