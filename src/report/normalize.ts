/**
 * Normalisation of metric values to a common 0-100 scale, so that tasks with
 * different metrics can be averaged. Each metric's descriptor states its
 * scale: BLEU, chrF, SQuAD EM/F1 and the other sacreBLEU-style metrics are
 * on 0-100; rouge-score style ROUGE values (and `accuracy`) are on 0-1 and
 * are multiplied by 100.
 *
 * @module
 */
import type { MetricValue } from "../core/record.ts";
import { findMetric } from "../metrics/registry.ts";
import type { Interval } from "./types.ts";

/**
 * Scale of a metric key (`metric.key`): the metric's own (1 for ROUGE and
 * accuracy), 100 for a metric the registry does not know.
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
  return findMetric(name)?.scale ?? 100;
}

/** A metric value with its CI rescaled to 0-100. */
export function normalize(metricKey: string, value: MetricValue): Interval {
  const f = 100 / metricScale(metricKey);
  return { value: value.value * f, low: value.ciLow * f, high: value.ciHigh * f };
}
