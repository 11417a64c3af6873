/**
 * The metric type every built-in metric implements: the core `Metric`
 * contract plus a signature that records the number of references seen.
 *
 * @module
 */
import type { Metric } from "../core/metric.ts";

/** Number of references per sample: a count, or `"var"` when it varies (sacreBLEU style). */
export type RefCount = number | "var";

/** A `Metric` whose signature can name the number of references actually used. */
export interface SignedMetric extends Metric {
  /** The signature with `nrefs:` set to `nrefs` (sacreBLEU prints `nrefs:var` for varying counts). */
  signatureFor(nrefs: RefCount): string;
}
