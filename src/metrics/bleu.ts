/**
 * BLEU as sacreBLEU 2.x computes it (`sacrebleu.metrics.BLEU`): 13a
 * tokenization, clipped n-gram counts against the per-n-gram maximum over
 * the references, closest reference length (ties to the shorter), brevity
 * penalty, and the `exp` (NIST mteval-v13a) smoothing by default. Corpus BLEU
 * sums the per-sample statistics `[hyp_len, ref_len, correct_1..N, total_1..N]`.
 *
 * @module
 */
import { MetricError } from "../core/errors.ts";
import type { MetricKey } from "../core/metric.ts";
import {
  clippedMatches,
  codesAreExact,
  LocalVocab,
  ngramCount,
  taggedCodes,
} from "./int_ngrams.ts";
import { countWordNgrams } from "./ngrams.ts";
import { pyRstrip, pySplit } from "./py_text.ts";
import { tokenize13a } from "./tokenizer_13a.ts";
import { defineMetric } from "./descriptor.ts";
import { choice, count, flag, type OptionsOf, real } from "./options.ts";

/** The sacreBLEU release whose behaviour and signature format this module follows. */
export const SACREBLEU_VERSION = "2.5.1";

/** BLEU smoothing methods (Chen & Cherry 2014), as named by sacreBLEU. */
export type SmoothMethod = "none" | "floor" | "add-k" | "exp";

/** Default smoothing values of sacreBLEU's `BLEU.SMOOTH_DEFAULTS`. */
const SMOOTH_DEFAULTS: Record<SmoothMethod, number | null> = {
  "none": null,
  "floor": 0.1,
  "add-k": 1,
  "exp": null,
};

/** Arguments of `computeBleu` beyond the counts. */
export interface ComputeBleuOptions {
  readonly smoothMethod: SmoothMethod;
  readonly smoothValue?: number | undefined;
  readonly effectiveOrder: boolean;
  readonly maxNgramOrder: number;
}

/** A BLEU score with its parts, as sacreBLEU's `BLEUScore` holds them. */
export interface BleuScore {
  /** BLEU on the 0-100 scale. */
  readonly score: number;
  /** Brevity penalty. */
  readonly bp: number;
  /** hyp_len / ref_len (0 when ref_len is 0). */
  readonly ratio: number;
  readonly hypLen: number;
  readonly refLen: number;
  /** n-gram precisions on the 0-100 scale (smoothed as sacreBLEU reports them). */
  readonly precisions: readonly number[];
}

function myLog(x: number): number {
  return x === 0 ? -9999999999 : Math.log(x);
}

/**
 * BLEU from its sufficient statistics, a port of sacreBLEU's
 * `BLEU.compute_bleu` (including the early zero when nothing matches).
 */
export function computeBleu(
  correctIn: readonly number[],
  totalIn: readonly number[],
  sysLen: number,
  refLen: number,
  options: ComputeBleuOptions,
): BleuScore {
  const { smoothMethod, effectiveOrder, maxNgramOrder } = options;
  const smoothValue = options.smoothValue ?? SMOOTH_DEFAULTS[smoothMethod] ?? 0;
  const correct = [...correctIn];
  const total = [...totalIn];
  let bp: number;
  if (sysLen < refLen) bp = sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0;
  else bp = 1;
  const ratio = refLen ? sysLen / refLen : 0;
  const precisions = new Array<number>(maxNgramOrder).fill(0);
  const result = (score: number): BleuScore => ({
    score,
    bp,
    ratio,
    hypLen: sysLen,
    refLen,
    precisions,
  });
  if (!correct.some((c) => c !== 0)) return result(0);
  let smoothMteval = 1;
  let effOrder = maxNgramOrder;
  for (let n = 1; n <= maxNgramOrder; n++) {
    if (smoothMethod === "add-k" && n > 1) {
      correct[n - 1] = (correct[n - 1] ?? 0) + smoothValue;
      total[n - 1] = (total[n - 1] ?? 0) + smoothValue;
    }
    const t = total[n - 1] ?? 0;
    const c = correct[n - 1] ?? 0;
    if (t === 0) break;
    if (effectiveOrder) effOrder = n;
    if (c === 0) {
      if (smoothMethod === "exp") {
        smoothMteval *= 2;
        precisions[n - 1] = 100 / (smoothMteval * t);
      } else if (smoothMethod === "floor") {
        precisions[n - 1] = 100 * smoothValue / t;
      }
    } else {
      precisions[n - 1] = 100 * c / t;
    }
  }
  let logSum = 0;
  for (let i = 0; i < effOrder; i++) logSum += myLog(precisions[i] ?? 0);
  return result(bp * Math.exp(logSum / effOrder));
}

/** sacreBLEU's `_get_closest_ref_len`: the closest length, ties to the shorter. */
export function closestRefLen(hypLen: number, refLens: readonly number[]): number {
  let closestDiff = -1;
  let closestLen = -1;
  for (const refLen of refLens) {
    const diff = Math.abs(hypLen - refLen);
    if (closestDiff === -1 || diff < closestDiff) {
      closestDiff = diff;
      closestLen = refLen;
    } else if (diff === closestDiff && refLen < closestLen) {
      closestLen = refLen;
    }
  }
  return closestLen;
}

/** Drops empty references as sacreBLEU does; throws when none is left. */
export function usableReferences(metric: string, references: readonly string[]): string[] {
  const refs = references.filter((r) => r !== "");
  if (refs.length === 0) {
    throw new MetricError(`${metric}: every reference of the sample is empty`, {
      field: "references",
      value: references,
    });
  }
  return refs;
}

/**
 * Clipped n-gram matches and hypothesis n-gram totals per order (sacreBLEU's
 * `_compute_segment_statistics`): each hypothesis n-gram count is clipped by
 * its maximum count over the references. Uses integer codes when exact, else
 * (or with `forceStrings`) string keys; both give identical results.
 */
export function bleuCounts(
  hyp: readonly string[],
  refs: readonly (readonly string[])[],
  order: number,
  forceStrings = false,
): [correct: number[], totals: number[]] {
  const correct = new Array<number>(order).fill(0);
  const totals = new Array<number>(order).fill(0);
  const vocab = new LocalVocab();
  const hypIds = vocab.ids(hyp);
  const refIds = refs.map((r) => vocab.ids(r));
  if (!forceStrings && codesAreExact(vocab.size, order, order)) {
    const base = Math.max(1, vocab.size);
    for (let n = 1; n <= order; n++) totals[n - 1] = ngramCount(hyp.length, n);
    const refCodes = refIds.map((r) => taggedCodes(r, order, base));
    clippedMatches(taggedCodes(hypIds, order, base), refCodes, order, correct);
    return [correct, totals];
  }
  const refNgrams = new Map<string, number>();
  for (const ref of refs) {
    for (const [g, c] of countWordNgrams(ref, 1, order)) {
      if (c > (refNgrams.get(g) ?? 0)) refNgrams.set(g, c);
    }
  }
  for (const [g, c] of countWordNgrams(hyp, 1, order)) {
    let n = 0;
    for (let i = g.indexOf(" "); i !== -1; i = g.indexOf(" ", i + 1)) n++;
    totals[n] = (totals[n] as number) + c;
    const r = refNgrams.get(g);
    if (r !== undefined) correct[n] = (correct[n] as number) + Math.min(c, r);
  }
  return [correct, totals];
}

function keysFor(order: number): MetricKey[] {
  const keys: MetricKey[] = [
    { key: "score", higherIsBetter: true },
    { key: "bp", higherIsBetter: true },
    { key: "ratio", higherIsBetter: true },
    { key: "hyp_len", higherIsBetter: true },
    { key: "ref_len", higherIsBetter: true },
  ];
  for (let n = 1; n <= order; n++) keys.push({ key: `p${n}`, higherIsBetter: true });
  return keys;
}

function scoreRecord(s: BleuScore): Record<string, number> {
  const out: Record<string, number> = {
    score: s.score,
    bp: s.bp,
    ratio: s.ratio,
    hyp_len: s.hypLen,
    ref_len: s.refLen,
  };
  s.precisions.forEach((p, i) => (out[`p${i + 1}`] = p));
  return out;
}

/** The options of `bleu`; the defaults are sacreBLEU's. */
const BLEU_OPTIONS = {
  /** Lowercase before tokenizing (`case:lc`). */
  lowercase: flag(false),
  /** Tokenizer: `13a` or `none` (split on whitespace only). */
  tokenize: choice(["13a", "none"], "13a"),
  /** Smoothing method (Chen & Cherry 2014, as sacreBLEU names them). */
  smoothMethod: choice(Object.keys(SMOOTH_DEFAULTS) as SmoothMethod[], "exp"),
  /** Smoothing value for `floor` (default 0.1) and `add-k` (default 1). */
  smoothValue: real(undefined),
  /** Maximum n-gram order. */
  maxNgramOrder: count(4),
  /** Effective order for the corpus score (off, as in sacreBLEU). */
  effectiveOrder: flag(false),
};

/** Options of `bleu`: any subset of its option table. */
export type BleuOptions = OptionsOf<typeof BLEU_OPTIONS>;

/**
 * The `bleu` metric (sacreBLEU's `BLEU`). `stats` returns
 * `[hyp_len, ref_len, correct_1..N, total_1..N]`; `aggregate` gives corpus
 * BLEU; `sampleScores` gives sacreBLEU's `sentence_bleu` (effective order on).
 */
export const bleu = defineMetric({
  name: "bleu",
  keys: ["score"],
  scale: 100,
  meanOfSamples: false,
  options: BLEU_OPTIONS,
  signature: (o, nrefs) => {
    const def = SMOOTH_DEFAULTS[o.smoothMethod];
    const smooth = def === null
      ? o.smoothMethod
      : `${o.smoothMethod}[${(o.smoothValue ?? def).toFixed(2)}]`;
    return `nrefs:${nrefs}|case:${o.lowercase ? "lc" : "mixed"}|eff:${
      o.effectiveOrder ? "yes" : "no"
    }|tok:${o.tokenize}|smooth:${smooth}|version:${SACREBLEU_VERSION}`;
  },
  scorer: (o) => {
    const order = o.maxNgramOrder;
    const tokenizer = o.tokenize === "13a" ? tokenize13a : (s: string) => s;
    const preprocess = (s: string): string[] =>
      pySplit(tokenizer(pyRstrip(o.lowercase ? s.toLowerCase() : s)));
    const bleuOf = (stats: readonly number[], eff: boolean): BleuScore =>
      computeBleu(
        stats.slice(2, 2 + order),
        stats.slice(2 + order, 2 + 2 * order),
        stats[0] ?? 0,
        stats[1] ?? 0,
        {
          smoothMethod: o.smoothMethod,
          smoothValue: o.smoothValue,
          effectiveOrder: eff,
          maxNgramOrder: order,
        },
      );
    const stats = (prediction: string, references: readonly string[]): number[] => {
      const refs = usableReferences("bleu", references).map(preprocess);
      const hyp = preprocess(prediction);
      const refLens = refs.map((r) => r.length);
      const [correct, totals] = bleuCounts(hyp, refs, order);
      return [hyp.length, closestRefLen(hyp.length, refLens), ...correct, ...totals];
    };
    return {
      keys: keysFor(order),
      primary: "score",
      stats,
      aggregate: (sums: readonly number[]) => scoreRecord(bleuOf(sums, o.effectiveOrder)),
      sampleScores: (prediction: string, references: readonly string[]) =>
        scoreRecord(bleuOf(stats(prediction, references), true)),
    };
  },
});
