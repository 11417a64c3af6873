/**
 * chrF and chrF++ as sacreBLEU 2.x computes them (`sacrebleu.metrics.CHRF`):
 * character n-grams of orders 1..6 over the text with whitespace removed,
 * plus word n-grams of orders 1..2 for chrF++ (words split off a leading or
 * trailing punctuation mark), beta 2. Per sample the reference with the best
 * F-score supplies the statistics `[hyp, ref, match]` per order; the corpus
 * score is computed from the summed statistics. The default smoothing is
 * sacreBLEU 2.x's default (`eps_smoothing=False`: average precision and
 * recall over the orders that have both hypothesis and reference n-grams,
 * `eff:yes` in the signature); `epsSmoothing: true` gives the chrF++.py /
 * NLTK / Moses epsilon variant.
 *
 * @module
 */
import type { MetricKey } from "../core/metric.ts";
import { SACREBLEU_VERSION, usableReferences } from "./bleu.ts";
import { countCharNgrams, countWordNgramsOfOrder } from "./ngrams.ts";
import {
  clippedMatches,
  codesAreExact,
  LocalVocab,
  ngramCount,
  writeTaggedCodes,
} from "./int_ngrams.ts";
import { codePoints, isPySpaceCode, pySplit, removePySpace } from "./py_text.ts";
import { defineMetric, type Scorer } from "./descriptor.ts";
import { count, flag, type OptionsOf, real, type ResolvedOptions } from "./options.ts";
import type { RefCount } from "./types.ts";

/** ASCII punctuation (`string.punctuation`). */
const PUNCTS = new Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");

/** sacreBLEU's `CHRF._remove_punctuation`: splits one punctuation mark off each word's end or start. */
export function chrfWords(sentence: string): string[] {
  const out: string[] = [];
  for (const w of pySplit(sentence)) {
    if (codePoints(w).length === 1) {
      out.push(w);
    } else if (PUNCTS.has(w[w.length - 1] as string)) {
      out.push(w.slice(0, -1), w[w.length - 1] as string);
    } else if (PUNCTS.has(w[0] as string)) {
      out.push(w[0] as string, w.slice(1));
    } else {
      out.push(w);
    }
  }
  return out;
}

/** The F-score of sacreBLEU's `CHRF._compute_f_score`, 0-100. */
export function chrfScore(
  statistics: readonly number[],
  order: number,
  beta: number,
  epsSmoothing: boolean,
): number {
  const eps = 1e-16;
  const factor = beta ** 2;
  let score = 0;
  let effectiveOrder = 0;
  let avgPrec = 0;
  let avgRec = 0;
  for (let i = 0; i < order; i++) {
    const nHyp = statistics[3 * i] ?? 0;
    const nRef = statistics[3 * i + 1] ?? 0;
    const nMatch = statistics[3 * i + 2] ?? 0;
    const prec = nHyp > 0 ? nMatch / nHyp : eps;
    const rec = nRef > 0 ? nMatch / nRef : eps;
    const denom = factor * prec + rec;
    score += denom > 0 ? (1 + factor) * prec * rec / denom : eps;
    if (nHyp > 0 && nRef > 0) {
      avgPrec += prec;
      avgRec += rec;
      effectiveOrder++;
    }
  }
  if (epsSmoothing) return 100 * score / order;
  if (effectiveOrder === 0) {
    avgPrec = 0;
    avgRec = 0;
  } else {
    avgPrec /= effectiveOrder;
    avgRec /= effectiveOrder;
  }
  if (avgPrec + avgRec) {
    return 100 * ((1 + factor) * avgPrec * avgRec) / (factor * avgPrec + avgRec);
  }
  return 0;
}

function ngramsOf(
  text: string,
  charOrder: number,
  wordOrder: number,
  whitespace: boolean,
): Map<string, number>[] {
  const chars = whitespace ? text : removePySpace(text);
  const points = codePoints(chars);
  const all: Map<string, number>[] = [];
  for (let n = 1; n <= charOrder; n++) all.push(countCharNgrams(points, chars, n));
  if (wordOrder > 0) {
    const words = chrfWords(text);
    for (let n = 1; n <= wordOrder; n++) all.push(countWordNgramsOfOrder(words, n));
  }
  return all;
}

function matchStats(hyp: Map<string, number>, ref: Map<string, number>): [number, number, number] {
  let match = 0;
  let hypCount = 0;
  for (const [g, c] of hyp) {
    hypCount += c;
    const r = ref.get(g);
    if (r !== undefined) match += Math.min(c, r);
  }
  let refCount = 0;
  for (const c of ref.values()) refCount += c;
  return [ref.size > 0 ? hypCount : 0, refCount, match];
}

/** N-gram orders and whitespace handling of `chrfBestStats`. */
export interface ChrfCountOptions {
  readonly charOrder: number;
  readonly wordOrder: number;
  readonly whitespace: boolean;
}

function charIds(text: string, vocab: LocalVocab, whitespace: boolean): Int32Array {
  const ids: number[] = [];
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i) as number;
    i += cp > 0xffff ? 2 : 1;
    if (!whitespace && isPySpaceCode(cp)) continue;
    ids.push(vocab.id(cp));
  }
  return Int32Array.from(ids);
}

/**
 * The statistics `[hyp, ref, match]` per order against the reference whose
 * F-score (`fScore`) is best, first one on ties (sacreBLEU's
 * `_compute_segment_statistics`). Integer codes when exact, else (or with
 * `forceStrings`) string keys; both give identical results.
 */
export function chrfBestStats(
  hypothesis: string,
  references: readonly string[],
  options: ChrfCountOptions,
  fScore: (row: readonly number[]) => number,
  forceStrings = false,
): number[] {
  const { charOrder, wordOrder, whitespace } = options;
  const order = charOrder + wordOrder;
  const chars = new LocalVocab();
  const words = new LocalVocab();
  const hypChars = charIds(hypothesis, chars, whitespace);
  const refChars = references.map((r) => charIds(r, chars, whitespace));
  const hypWords = wordOrder > 0 ? words.ids(chrfWords(hypothesis)) : new Int32Array(0);
  const refWords = references.map((
    r,
  ) => (wordOrder > 0 ? words.ids(chrfWords(r)) : new Int32Array(0)));
  const exact = codesAreExact(chars.size, charOrder, order) &&
    codesAreExact(words.size, wordOrder, order);
  let rows: number[][];
  if (exact && !forceStrings) {
    const cb = Math.max(1, chars.size);
    const wb = Math.max(1, words.size);
    const codes = (c: Int32Array, w: Int32Array): Float64Array => {
      let total = 0;
      for (let n = 1; n <= charOrder; n++) total += ngramCount(c.length, n);
      for (let n = 1; n <= wordOrder; n++) total += ngramCount(w.length, n);
      const out = new Float64Array(total);
      const end = writeTaggedCodes(c, charOrder, cb, order, 0, out, 0);
      writeTaggedCodes(w, wordOrder, wb, order, charOrder, out, end);
      return out;
    };
    const counts = (c: Int32Array, w: Int32Array): number[] => {
      const out: number[] = [];
      for (let n = 1; n <= charOrder; n++) out.push(ngramCount(c.length, n));
      for (let n = 1; n <= wordOrder; n++) out.push(ngramCount(w.length, n));
      return out;
    };
    const hyp = codes(hypChars, hypWords);
    const hypCounts = counts(hypChars, hypWords);
    rows = references.map((_, r) => {
      const c = refChars[r] as Int32Array;
      const w = refWords[r] as Int32Array;
      const refCounts = counts(c, w);
      const matches = new Array<number>(order).fill(0);
      clippedMatches(hyp, [codes(c, w)], order, matches);
      const row: number[] = [];
      for (let i = 0; i < order; i++) {
        const g = refCounts[i] as number;
        row.push(g > 0 ? hypCounts[i] as number : 0, g, matches[i] as number);
      }
      return row;
    });
  } else {
    const hyp = ngramsOf(hypothesis, charOrder, wordOrder, whitespace);
    rows = references.map((ref) => {
      const refNgrams = ngramsOf(ref, charOrder, wordOrder, whitespace);
      const row: number[] = [];
      for (let i = 0; i < order; i++) {
        row.push(...matchStats(hyp[i] as Map<string, number>, refNgrams[i] as Map<string, number>));
      }
      return row;
    });
  }
  let best: number[] = [];
  let bestF = -1;
  for (const row of rows) {
    const f = fScore(row);
    if (f > bestF) {
      bestF = f;
      best = row;
    }
  }
  return best;
}

/** The options chrF and chrF++ share; the defaults are sacreBLEU's `CHRF` defaults. */
export const CHRF_OPTIONS = {
  /** Character n-gram order. */
  charOrder: count(6),
  /** Recall weight. */
  beta: real(2),
  /** Lowercase first. */
  lowercase: flag(false),
  /** Keep whitespace inside character n-grams. */
  whitespace: flag(false),
  /** Epsilon smoothing (chrF++.py style, `eff:no`) instead of effective order. */
  epsSmoothing: flag(false),
};

/** Options of `chrf`: any subset of its option table. */
export type ChrfOptions = OptionsOf<typeof CHRF_OPTIONS>;

/** Resolved chrF settings with the word n-gram order (0 for chrF). */
export type ChrfSettings = ResolvedOptions<typeof CHRF_OPTIONS> & { readonly wordOrder: number };

/** The chrF signature of `o` (sacreBLEU's `CHRFSignature`). */
export function chrfSignature(o: ChrfSettings, nrefs: RefCount): string {
  return `nrefs:${nrefs}|case:${o.lowercase ? "lc" : "mixed"}|eff:${
    o.epsSmoothing ? "no" : "yes"
  }` +
    `|nc:${o.charOrder}|nw:${o.wordOrder}|space:${
      o.whitespace ? "yes" : "no"
    }|version:${SACREBLEU_VERSION}`;
}

/** The chrF implementation for `o`: chrF with word order 0, chrF++ above. */
export function chrfScorer(o: ChrfSettings): Scorer {
  const { charOrder, wordOrder, beta, epsSmoothing, whitespace } = o;
  const order = charOrder + wordOrder;
  const prep = (s: string): string => (o.lowercase ? s.toLowerCase() : s);
  const stats = (prediction: string, references: readonly string[]): number[] => {
    const refs = usableReferences(wordOrder > 0 ? "chrf++" : "chrf", references);
    const counts = { charOrder, wordOrder, whitespace };
    const f = (row: readonly number[]): number => chrfScore(row, order, beta, epsSmoothing);
    return chrfBestStats(prep(prediction), refs.map(prep), counts, f);
  };
  const keys: MetricKey[] = [{ key: "score", higherIsBetter: true }];
  return {
    keys,
    primary: "score",
    stats,
    aggregate: (sums) => ({ score: chrfScore(sums, order, beta, epsSmoothing) }),
    sampleScores: (p, r) => ({ score: chrfScore(stats(p, r), order, beta, epsSmoothing) }),
  };
}

/** The `chrf` metric (sacreBLEU's `CHRF`, word order 0). */
export const chrf = defineMetric({
  name: "chrf",
  keys: ["score"],
  scale: 100,
  meanOfSamples: false,
  options: CHRF_OPTIONS,
  signature: (o, nrefs) => chrfSignature({ ...o, wordOrder: 0 }, nrefs),
  scorer: (o) => chrfScorer({ ...o, wordOrder: 0 }),
});
