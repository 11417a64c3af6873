/**
 * A metric describes itself: one descriptor per metric module (name, the
 * keys a task may name as primary, scale, how the corpus score is made, typed
 * options with defaults, signature, implementation). The registry
 * (`registry.ts`) is the list of descriptors; task checks, the report's
 * scale, the paired test and `deno task score`'s help all read it.
 *
 * @module
 */
import type { Metric } from "../core/metric.ts";
import {
  type OptionsOf,
  type OptionTable,
  type ResolvedOptions,
  resolveOptions,
} from "./options.ts";
import type { RefCount, SignedMetric } from "./types.ts";

/** What a metric's implementation computes for one setting of its options. */
export type Scorer = Omit<Metric, "name" | "scale" | "signature">;

/** What a metric module writes about one metric; `defineMetric` adds `create`. */
export interface MetricSpec<N extends string, T extends OptionTable, S extends Scorer> {
  /** Name as task files and `deno task score --metric` write it. */
  readonly name: N;
  /** The sub-scores a task may name as its primary (`name.key`), in display order. */
  readonly keys: readonly string[];
  /** Scale of every sub-score: 1 (0-1, rouge-score style) or 100 (0-100, sacreBLEU style). */
  readonly scale: 1 | 100;
  /**
   * True when the corpus score is the mean of the per-sample scores; false when it is
   * computed from summed statistics (n-gram counts), so a paired test re-aggregates them.
   */
  readonly meanOfSamples: boolean;
  /** The options: kind, default and rule of each; their JSDoc is their documentation. */
  readonly options: T;
  /** The signature: the implementation and the settings the score depends on (sacreBLEU style). */
  signature(options: ResolvedOptions<T>, nrefs: RefCount): string;
  /** The implementation for these options (keys, primary, statistics, aggregation). */
  scorer(options: ResolvedOptions<T>): S;
}

/** A metric's descriptor: its spec and `create`. */
export interface MetricDescriptor<
  N extends string = string,
  T extends OptionTable = OptionTable,
  S extends Scorer = Scorer,
> extends MetricSpec<N, T, S> {
  /**
   * Builds the metric. Options not given take their defaults; an unknown
   * option or a bad value throws `MetricError` naming it.
   */
  create(options?: OptionsOf<T>): SignedMetric & S;
}

/**
 * Makes a metric's descriptor from its spec: `create` checks the options
 * against the table, fills in the defaults, and adds the name, scale and
 * signature to what `scorer` computes.
 *
 * @example
 * ```ts
 * import { defineMetric } from "./descriptor.ts";
 * import { flag } from "./options.ts";
 * const same = defineMetric({
 *   name: "same",
 *   keys: ["score"],
 *   scale: 1,
 *   meanOfSamples: true,
 *   options: { lowercase: flag(false) },
 *   signature: (o, nrefs) => `nrefs:${nrefs}|case:${o.lowercase ? "lc" : "mixed"}`,
 *   scorer: (o) => {
 *     const norm = (s: string) => (o.lowercase ? s.toLowerCase() : s);
 *     const stats = (p: string, refs: readonly string[]) => [
 *       refs.some((r) => norm(r) === norm(p)) ? 1 : 0,
 *     ];
 *     return {
 *       keys: [{ key: "score", higherIsBetter: true }],
 *       primary: "score",
 *       stats,
 *       aggregate: (sums: readonly number[], n: number) => ({ score: (sums[0] ?? 0) / n }),
 *       sampleScores: (p: string, refs: readonly string[]) => ({ score: stats(p, refs)[0]! }),
 *     };
 *   },
 * });
 * same.create({ lowercase: true }).signature(); // "nrefs:1|case:lc"
 * ```
 */
export function defineMetric<const N extends string, T extends OptionTable, S extends Scorer>(
  spec: MetricSpec<N, T, S>,
): MetricDescriptor<N, T, S> {
  return Object.freeze({
    ...spec,
    create(options: OptionsOf<T> = {}): SignedMetric & S {
      const resolved = resolveOptions(spec.name, spec.options, options);
      const signatureFor = (nrefs: RefCount): string => spec.signature(resolved, nrefs);
      return {
        ...spec.scorer(resolved),
        name: spec.name,
        scale: spec.scale,
        signature: () => signatureFor(1),
        signatureFor,
      };
    },
  });
}
