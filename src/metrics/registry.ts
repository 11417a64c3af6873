/**
 * The metric registry: the list of metric descriptors, in display order.
 * Adding a metric is one module exporting its descriptor and one entry in
 * `METRICS`; the metric names, the keys a task may name as primary, the
 * report's scale, the paired test's resampling and `deno task score`'s help
 * all come from this list.
 *
 * @module
 */
import { MetricError } from "../core/errors.ts";
import { accuracy } from "./accuracy.ts";
import { bleu } from "./bleu.ts";
import { chrf } from "./chrf.ts";
import { chrfPlusPlus } from "./chrf_plus_plus.ts";
import type { MetricDescriptor } from "./descriptor.ts";
import { exactMatch } from "./exact_match.ts";
import type { OptionsOf, OptionValue } from "./options.ts";
import { rouge } from "./rouge.ts";
import { squad } from "./squad.ts";
import type { SignedMetric } from "./types.ts";

/** Every metric, in display order. */
export const METRICS = [bleu, chrf, chrfPlusPlus, rouge, squad, exactMatch, accuracy] as const;

/** Name of a registered metric. */
export type MetricName = (typeof METRICS)[number]["name"];

/** Every metric name, in display order. */
export const METRIC_NAMES: readonly MetricName[] = METRICS.map((m) => m.name);

type SpecOf<D> = D extends MetricDescriptor<infer N, infer T>
  ? { readonly name: N; readonly options?: OptionsOf<T> }
  : never;

/** A metric as a task declares it: a registered name, with that metric's typed options. */
export type MetricSpec = SpecOf<(typeof METRICS)[number]>;

/** Metric options as task files and the command line give them (checked by `create`). */
export type MetricOptions = Readonly<Record<string, OptionValue>>;

/** The descriptor of the metric called `name`, or undefined. */
export function findMetric(name: string): MetricDescriptor | undefined {
  return METRICS.find((m) => m.name === name);
}

/**
 * Creates a registered metric by name with options as task files give them.
 * Unknown names or options, and bad option values, throw `MetricError`.
 *
 * @example
 * ```ts
 * import { createMetric } from "./registry.ts";
 * createMetric("squad", { squadVersion: 1 }).signature();
 * // "nrefs:1|squad:v1.1|norm:official|agg:mean|scale:100"
 * ```
 */
export function createMetric(name: string, options: MetricOptions = {}): SignedMetric {
  const metric = findMetric(name);
  if (metric === undefined) {
    throw new MetricError(`unknown metric (known: ${METRIC_NAMES.join(", ")})`, {
      field: "metric",
      value: name,
    });
  }
  return metric.create(options);
}
