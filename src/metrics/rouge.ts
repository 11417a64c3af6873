/**
 * ROUGE as Google's rouge-score package computes it (`rouge_scorer.py`):
 * ROUGE-N (n-gram overlap), ROUGE-L (LCS over the whole text) and ROUGE-Lsum
 * (summary-level union LCS over newline-separated sentences, with the
 * ROUGE-1.5.5 guard against double counting), each with precision, recall and
 * F1; multiple references by `score_multi` (per type, the reference with the
 * highest F1). The corpus value is the mean of the per-sample values, on the
 * 0-1 scale; rouge-score's BootstrapAggregator reports a bootstrap median
 * ("mid") that approximates this mean.
 *
 * @module
 */
import { MetricError } from "../core/errors.ts";
import type { MetricKey } from "../core/metric.ts";
import { lcsIndices, lcsLength } from "./lcs.ts";
import { countWordNgramsOfOrder } from "./ngrams.ts";
import { createRougeTokenizer } from "./rouge_tokenizer.ts";
import { defineMetric, type Scorer } from "./descriptor.ts";
import { flag, type OptionsOf, type ResolvedOptions, text } from "./options.ts";

/** The rouge-score release whose behaviour this module follows. */
export const ROUGE_SCORE_VERSION = "0.1.2";

/** Precision, recall and F1 of one ROUGE type. */
export interface RougeScore {
  readonly precision: number;
  readonly recall: number;
  readonly fmeasure: number;
}

const ZERO: RougeScore = { precision: 0, recall: 0, fmeasure: 0 };

/** rouge-score's `scoring.fmeasure`. */
export function fmeasure(precision: number, recall: number): number {
  return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
}

function ngramScore(
  target: readonly string[],
  prediction: readonly string[],
  n: number,
): RougeScore {
  const t = countWordNgramsOfOrder(target, n);
  const p = countWordNgramsOfOrder(prediction, n);
  let inter = 0;
  for (const [g, c] of t) inter += Math.min(c, p.get(g) ?? 0);
  const tCount = Math.max(0, target.length - n + 1);
  const pCount = Math.max(0, prediction.length - n + 1);
  const precision = inter / Math.max(pCount, 1);
  const recall = inter / Math.max(tCount, 1);
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

class Vocab {
  readonly #ids = new Map<string, number>();
  ids(tokens: readonly string[]): Int32Array {
    const out = new Int32Array(tokens.length);
    tokens.forEach((tok, i) => {
      let id = this.#ids.get(tok);
      if (id === undefined) {
        id = this.#ids.size;
        this.#ids.set(tok, id);
      }
      out[i] = id;
    });
    return out;
  }
}

function lcsScore(target: Int32Array, prediction: Int32Array): RougeScore {
  if (target.length === 0 || prediction.length === 0) return ZERO;
  const lcs = lcsLength(target, prediction);
  const precision = lcs / prediction.length;
  const recall = lcs / target.length;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

/** rouge-score's `_summary_level_lcs` on sentences of token ids. */
export function summaryLevelLcs(
  refSents: readonly Int32Array[],
  canSents: readonly Int32Array[],
): RougeScore {
  if (refSents.length === 0 || canSents.length === 0) return ZERO;
  const m = refSents.reduce((a, s) => a + s.length, 0);
  const n = canSents.reduce((a, s) => a + s.length, 0);
  if (!n || !m) return ZERO;
  const cntR = new Map<number, number>();
  const cntC = new Map<number, number>();
  for (const s of refSents) for (const t of s) cntR.set(t, (cntR.get(t) ?? 0) + 1);
  for (const s of canSents) for (const t of s) cntC.set(t, (cntC.get(t) ?? 0) + 1);
  let hits = 0;
  for (const r of refSents) {
    const union = new Set<number>();
    for (const c of canSents) for (const i of lcsIndices(r, c)) union.add(i);
    const sorted = [...union].sort((a, b) => a - b);
    for (const i of sorted) {
      const t = r[i] as number;
      const c = cntC.get(t) ?? 0;
      const rr = cntR.get(t) ?? 0;
      if (c > 0 && rr > 0) {
        hits++;
        cntC.set(t, c - 1);
        cntR.set(t, rr - 1);
      }
    }
  }
  const recall = hits / m;
  const precision = hits / n;
  return { precision, recall, fmeasure: fmeasure(precision, recall) };
}

function checkTypes(types: readonly string[]): void {
  if (types.length === 0) {
    throw new MetricError("rouge: no ROUGE type given", { field: "rougeTypes", value: [] });
  }
  for (const t of types) {
    if (t === "rougeL" || t === "rougeLsum") continue;
    const m = /^rouge([0-9])$/.exec(t);
    if (!m || Number(m[1]) <= 0) {
      throw new MetricError("rouge: invalid ROUGE type (use rouge1..rouge9, rougeL, rougeLsum)", {
        field: "rougeTypes",
        value: t,
      });
    }
  }
}

/** Splits rougeLsum input into sentences: newline-separated, empty lines dropped. */
function sentences(text: string): string[] {
  return text.split("\n").filter((s) => s.length > 0);
}

/** The options of `rouge`; by default the four types Hugging Face `evaluate` reports. */
const ROUGE_OPTIONS = {
  /** Porter-stem tokens longer than 3 characters (NLTK's stemmer, rouge-score `use_stemmer`). */
  useStemmer: flag(false),
  /** ROUGE types, comma-separated: `rouge1`..`rouge9`, `rougeL`, `rougeLsum`. */
  rougeTypes: text("rouge1,rouge2,rougeL,rougeLsum"),
};

/** Options of `rouge`: any subset of its option table. */
export type RougeOptions = OptionsOf<typeof ROUGE_OPTIONS>;

/** The ROUGE types a `rougeTypes` option names, checked. */
function typesOf(o: ResolvedOptions<typeof ROUGE_OPTIONS>): string[] {
  const types = o.rougeTypes.split(",").map((t) => t.trim());
  checkTypes(types);
  return types;
}

/** The `rouge` metric (rouge-score's `RougeScorer` with `score_multi`). */
export const rouge = defineMetric({
  name: "rouge",
  keys: ["rouge1", "rouge2", "rougeL", "rougeLsum"],
  scale: 1,
  meanOfSamples: true,
  options: ROUGE_OPTIONS,
  signature: (o, nrefs) =>
    `nrefs:${nrefs}|types:${typesOf(o).join(",")}|tok:default|stem:${
      o.useStemmer ? "porter-nltk" : "no"
    }` +
    `|lsum:newline|multi:max-f|agg:mean|version:rouge-score-${ROUGE_SCORE_VERSION}`,
  scorer: (o) => rougeScorer(typesOf(o), o.useStemmer),
});

/** The ROUGE implementation for `types`, with `scoreMulti` for the tests against rouge-score. */
function rougeScorer(types: readonly string[], useStemmer: boolean): Scorer & {
  /** rouge-score `score_multi`: per type, the score against the best reference. */
  scoreMulti(prediction: string, references: readonly string[]): Record<string, RougeScore>;
} {
  const tokenize = createRougeTokenizer(useStemmer);

  const score = (target: string, prediction: string): Record<string, RougeScore> => {
    const vocab = new Vocab();
    const tTok = tokenize(target);
    const pTok = tokenize(prediction);
    const out: Record<string, RougeScore> = {};
    for (const type of types) {
      if (type === "rougeL") {
        out[type] = lcsScore(vocab.ids(tTok), vocab.ids(pTok));
      } else if (type === "rougeLsum") {
        out[type] = summaryLevelLcs(
          sentences(target).map((s) => vocab.ids(tokenize(s))),
          sentences(prediction).map((s) => vocab.ids(tokenize(s))),
        );
      } else {
        out[type] = ngramScore(tTok, pTok, Number(type.slice(5)));
      }
    }
    return out;
  };

  const scoreMulti = (
    prediction: string,
    references: readonly string[],
  ): Record<string, RougeScore> => {
    if (references.length === 0) {
      throw new MetricError("rouge: sample has no reference", { field: "references", value: [] });
    }
    const all = references.map((r) => score(r, prediction));
    const best: Record<string, RougeScore> = {};
    for (const type of types) {
      let pick = all[0]![type]!;
      for (const s of all) if (s[type]!.fmeasure > pick.fmeasure) pick = s[type]!;
      best[type] = pick;
    }
    return best;
  };

  const keys: MetricKey[] = [];
  for (const t of types) {
    keys.push({ key: t, higherIsBetter: true });
    keys.push({ key: `${t}_precision`, higherIsBetter: true });
    keys.push({ key: `${t}_recall`, higherIsBetter: true });
  }

  const stats = (prediction: string, references: readonly string[]): number[] => {
    const best = scoreMulti(prediction, references);
    return types.flatMap((t) => [best[t]!.precision, best[t]!.recall, best[t]!.fmeasure]);
  };
  const toRecord = (row: readonly number[], n: number): Record<string, number> => {
    const out: Record<string, number> = {};
    types.forEach((t, i) => {
      out[t] = (row[3 * i + 2] ?? 0) / n;
      out[`${t}_precision`] = (row[3 * i] ?? 0) / n;
      out[`${t}_recall`] = (row[3 * i + 1] ?? 0) / n;
    });
    return out;
  };
  return {
    keys,
    primary: types.includes("rougeL") ? "rougeL" : types[0] as string,
    stats,
    aggregate: (sums, n) => toRecord(sums, n),
    sampleScores: (p, r) => toRecord(stats(p, r), 1),
    scoreMulti,
  };
}
