/**
 * The metrics: pure functions from predictions and references to scores,
 * matching the canonical implementations (sacreBLEU 2.x for BLEU and chrF,
 * Google rouge-score for ROUGE, the official SQuAD scripts for SQuAD). Use
 * `createMetric(name, options)` and `scoreCorpus(metric, predictions,
 * references, { resamples, seed })`.
 *
 * @module
 */
import { MetricError } from "../core/errors.ts";
import type { MetricName } from "../core/metric.ts";
import { createBleu, type SmoothMethod } from "./bleu.ts";
import { createChrf } from "./chrf.ts";
import { createAccuracy, createExactMatch } from "./match.ts";
import { createRouge } from "./rouge.ts";
import { createSquad } from "./squad.ts";
import type { SignedMetric } from "./types.ts";

export { createBleu, SACREBLEU_VERSION } from "./bleu.ts";
export { createChrf } from "./chrf.ts";
export { createRouge, ROUGE_SCORE_VERSION } from "./rouge.ts";
export { createSquad, normalizeAnswer } from "./squad.ts";
export { createAccuracy, createExactMatch } from "./match.ts";
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

/** Every metric name, in display order. */
export const METRIC_NAMES: readonly MetricName[] = [
  "bleu",
  "chrf",
  "chrf++",
  "rouge",
  "squad",
  "exact_match",
  "accuracy",
];

/** Metric options as task files give them. */
export type MetricOptions = Readonly<Record<string, string | number | boolean>>;

type Kind = "boolean" | "number" | "string";
const ALLOWED: Record<MetricName, Record<string, Kind>> = {
  bleu: {
    lowercase: "boolean",
    tokenize: "string",
    smoothMethod: "string",
    smoothValue: "number",
    maxNgramOrder: "number",
    effectiveOrder: "boolean",
  },
  chrf: {
    charOrder: "number",
    beta: "number",
    lowercase: "boolean",
    whitespace: "boolean",
    epsSmoothing: "boolean",
  },
  "chrf++": {
    charOrder: "number",
    wordOrder: "number",
    beta: "number",
    lowercase: "boolean",
    whitespace: "boolean",
    epsSmoothing: "boolean",
  },
  rouge: { useStemmer: "boolean", rougeTypes: "string" },
  squad: { squadVersion: "number" },
  exact_match: {},
  accuracy: {},
};

function isMetricName(name: string): name is MetricName {
  return (METRIC_NAMES as readonly string[]).includes(name);
}

function checkOptions(name: MetricName, options: MetricOptions): void {
  const allowed = ALLOWED[name];
  for (const [key, value] of Object.entries(options)) {
    const kind = allowed[key];
    if (kind === undefined) {
      throw new MetricError(
        `${name}: unknown option (known: ${Object.keys(allowed).join(", ") || "none"})`,
        { field: key, value },
      );
    }
    const actual: string = typeof value;
    if (actual !== kind) {
      throw new MetricError(`${name}: option must be a ${kind}`, { field: key, value });
    }
  }
}

function positiveInt(name: string, field: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) {
    throw new MetricError(`${name}: option must be a non-negative integer`, { field, value: v });
  }
  return v;
}

/**
 * Creates a metric by name. Names: `bleu`, `chrf`, `chrf++`, `rouge`,
 * `squad`, `exact_match`, `accuracy`. Unknown names or options throw
 * `MetricError`.
 */
export function createMetric(name: string, options: MetricOptions = {}): SignedMetric {
  if (!isMetricName(name)) {
    throw new MetricError(`unknown metric (known: ${METRIC_NAMES.join(", ")})`, {
      field: "metric",
      value: name,
    });
  }
  checkOptions(name, options);
  const o = options as Record<string, string | number | boolean | undefined>;
  switch (name) {
    case "bleu": {
      const tokenize = o.tokenize as string | undefined;
      if (tokenize !== undefined && tokenize !== "13a" && tokenize !== "none") {
        throw new MetricError("bleu: tokenize must be 13a or none", {
          field: "tokenize",
          value: tokenize,
        });
      }
      const smooth = o.smoothMethod as string | undefined;
      if (smooth !== undefined && !["none", "floor", "add-k", "exp"].includes(smooth)) {
        throw new MetricError("bleu: smoothMethod must be none, floor, add-k or exp", {
          field: "smoothMethod",
          value: smooth,
        });
      }
      const order = positiveInt(name, "maxNgramOrder", o.maxNgramOrder);
      return createBleu({
        ...(o.lowercase !== undefined ? { lowercase: o.lowercase as boolean } : {}),
        ...(tokenize !== undefined ? { tokenize: tokenize as "13a" | "none" } : {}),
        ...(smooth !== undefined ? { smoothMethod: smooth as SmoothMethod } : {}),
        ...(o.smoothValue !== undefined ? { smoothValue: o.smoothValue as number } : {}),
        ...(order !== undefined ? { maxNgramOrder: order } : {}),
        ...(o.effectiveOrder !== undefined ? { effectiveOrder: o.effectiveOrder as boolean } : {}),
      });
    }
    case "chrf":
    case "chrf++": {
      const charOrder = positiveInt(name, "charOrder", o.charOrder);
      const wordOrder = positiveInt(name, "wordOrder", o.wordOrder) ?? (name === "chrf++" ? 2 : 0);
      if (name === "chrf++" && wordOrder === 0) {
        throw new MetricError("chrf++: wordOrder must be at least 1", {
          field: "wordOrder",
          value: 0,
        });
      }
      return createChrf({
        wordOrder,
        ...(charOrder !== undefined ? { charOrder } : {}),
        ...(o.beta !== undefined ? { beta: o.beta as number } : {}),
        ...(o.lowercase !== undefined ? { lowercase: o.lowercase as boolean } : {}),
        ...(o.whitespace !== undefined ? { whitespace: o.whitespace as boolean } : {}),
        ...(o.epsSmoothing !== undefined ? { epsSmoothing: o.epsSmoothing as boolean } : {}),
      });
    }
    case "rouge": {
      const types = o.rougeTypes as string | undefined;
      return createRouge({
        ...(o.useStemmer !== undefined ? { useStemmer: o.useStemmer as boolean } : {}),
        ...(types !== undefined ? { rougeTypes: types.split(",").map((t) => t.trim()) } : {}),
      });
    }
    case "squad": {
      const v = o.squadVersion;
      if (v !== undefined && v !== 1 && v !== 2) {
        throw new MetricError("squad: squadVersion must be 1 or 2", {
          field: "squadVersion",
          value: v,
        });
      }
      return createSquad(v === undefined ? {} : { squadVersion: v });
    }
    case "exact_match":
      return createExactMatch();
    case "accuracy":
      return createAccuracy();
  }
}
