/**
 * SQuAD exact match and F1 as the official evaluation scripts compute them:
 * `evaluate-v1.1.py` (max over gold answers, F1 0 when nothing overlaps) and
 * `evaluate-v2.0.py` (gold answers that normalise to nothing are dropped; no
 * gold answer left means the only correct answer is the empty string; F1 is
 * 1 or 0 by equality when either side has no tokens). Normalisation:
 * lowercase, remove ASCII punctuation, remove the articles a/an/the as whole
 * words, collapse whitespace. Corpus values are means on the 0-100 scale.
 *
 * @module
 */
import { MetricError } from "../core/errors.ts";
import type { MetricKey } from "../core/metric.ts";
import { pySplit } from "./py_text.ts";
import { defineMetric } from "./descriptor.ts";
import { choice, type OptionsOf } from "./options.ts";

/** SQuAD script version. */
export type SquadVersion = 1 | 2;

const PUNCT = new Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
/** `\b(a|an|the)\b` with Python 3's Unicode word characters. */
const ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu;

/** The official `normalize_answer`. */
export function normalizeAnswer(s: string): string {
  let text = s.toLowerCase();
  let kept = "";
  for (const ch of text) if (!PUNCT.has(ch)) kept += ch;
  text = kept.replace(ARTICLES, " ");
  return pySplit(text).join(" ");
}

function tokens(s: string): string[] {
  return s ? pySplit(normalizeAnswer(s)) : [];
}

function overlap(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const t of a) counts.set(t, (counts.get(t) ?? 0) + 1);
  let same = 0;
  for (const t of b) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      same++;
      counts.set(t, c - 1);
    }
  }
  return same;
}

function f1FromTokens(gold: readonly string[], pred: readonly string[], same: number): number {
  const precision = same / pred.length;
  const recall = same / gold.length;
  return 2 * precision * recall / (precision + recall);
}

/** evaluate-v2.0.py `compute_exact` (0 or 1). */
export function exactV2(gold: string, pred: string): number {
  return normalizeAnswer(gold) === normalizeAnswer(pred) ? 1 : 0;
}

/** evaluate-v2.0.py `compute_f1` (0..1). */
export function f1V2(gold: string, pred: string): number {
  const g = tokens(gold);
  const p = tokens(pred);
  if (g.length === 0 || p.length === 0) {
    return g.length === p.length && g.every((t, i) => t === p[i]) ? 1 : 0;
  }
  const same = overlap(g, p);
  return same === 0 ? 0 : f1FromTokens(g, p, same);
}

/** evaluate-v1.1.py `f1_score` (0..1). */
export function f1V1(gold: string, pred: string): number {
  const p = pySplit(normalizeAnswer(pred));
  const g = pySplit(normalizeAnswer(gold));
  const same = overlap(g, p);
  return same === 0 ? 0 : f1FromTokens(g, p, same);
}

/** Exact match and F1 of one prediction against its gold answers, 0..1 each. */
export function squadSample(
  prediction: string,
  golds: readonly string[],
  version: SquadVersion,
): { exact: number; f1: number } {
  if (version === 1) {
    if (golds.length === 0) {
      throw new MetricError("squad v1: sample has no gold answer", {
        field: "references",
        value: [],
      });
    }
    return {
      exact: Math.max(...golds.map((g) => exactV2(g, prediction))),
      f1: Math.max(...golds.map((g) => f1V1(g, prediction))),
    };
  }
  let answers = golds.filter((g) => normalizeAnswer(g) !== "");
  if (answers.length === 0) answers = [""];
  return {
    exact: Math.max(...answers.map((g) => exactV2(g, prediction))),
    f1: Math.max(...answers.map((g) => f1V2(g, prediction))),
  };
}

/** The options of `squad`. */
const SQUAD_OPTIONS = {
  /** The official script: 1 for evaluate-v1.1.py, 2 for evaluate-v2.0.py. */
  squadVersion: choice<SquadVersion>([1, 2], 2),
};

/** Options of `squad`: any subset of its option table. */
export type SquadOptions = OptionsOf<typeof SQUAD_OPTIONS>;

/** The `squad` metric: keys `exact` and `f1` (primary), means on 0-100. */
export const squad = defineMetric({
  name: "squad",
  keys: ["exact", "f1"],
  scale: 100,
  meanOfSamples: true,
  options: SQUAD_OPTIONS,
  signature: (o, nrefs) =>
    `nrefs:${nrefs}|squad:v${
      o.squadVersion === 1 ? "1.1" : "2.0"
    }|norm:official|agg:mean|scale:100`,
  scorer: ({ squadVersion }) => {
    const keys: MetricKey[] = [{ key: "exact", higherIsBetter: true }, {
      key: "f1",
      higherIsBetter: true,
    }];
    const stats = (prediction: string, references: readonly string[]): number[] => {
      const s = squadSample(prediction, references, squadVersion);
      return [s.exact, s.f1];
    };
    return {
      keys,
      primary: "f1",
      stats,
      aggregate: (sums: readonly number[], n: number) => ({
        exact: 100 * (sums[0] ?? 0) / n,
        f1: 100 * (sums[1] ?? 0) / n,
      }),
      sampleScores: (p: string, r: readonly string[]) => {
        const [exact, f1] = stats(p, r);
        return { exact: 100 * (exact ?? 0), f1: 100 * (f1 ?? 0) };
      },
    };
  },
});
