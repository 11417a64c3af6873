/**
 * The site's glossary: one definition per term, shown on the glossary page
 * and as the tooltip wherever the term labels a number.
 *
 * @module
 */
import { CHANGE_THRESHOLD, MEASURES } from "../report/mod.ts";

/** A glossary entry. */
export interface GlossaryEntry {
  /** The term as shown. */
  readonly term: string;
  /** One or two sentences. */
  readonly text: string;
}

/** Every term, by key (the key is the anchor on the glossary page). */
export const GLOSSARY: Readonly<Record<string, GlossaryEntry>> = {
  // The efficiency measures' terms, from their list (`report/measures.ts`).
  ...Object.fromEntries(MEASURES.map((m) => [m.key, { term: m.label, text: m.definition }])),
  split: {
    term: "Split (2/3-1/3)",
    text: "The share of layers in the encoder and the decoder of an encoder-decoder model: " +
      "2/3-1/3 puts two thirds of the layers in the encoder.",
  },
  avg: {
    term: "Avg",
    text: "Mean of the normalised primary metrics (0–100) over every task; shown only for " +
      "models scored on every task.",
  },
  quadrature: {
    term: "Quadrature",
    text: "How an average's interval is formed: the task intervals' half-widths are squared, " +
      "summed, square-rooted and divided by the number of tasks (tasks use disjoint samples, " +
      "so their errors are independent).",
  },
  tie: {
    term: "Rank and ties (=k)",
    text: "Rank = 1 + the number of models significantly better. Models sharing a rank are " +
      "tied and shown as =k. Per task a paired bootstrap over per-sample scores decides; on " +
      "the average, non-overlapping 95% intervals.",
  },
  interval: {
    term: "95% interval",
    text: "Bootstrap interval of a score (1000 resamples of the samples, seed 12345); for " +
      "timings, mean ± 1.96 standard errors.",
  },
  n: {
    term: "n",
    text: "The number of samples a score is computed from.",
  },
  asymmetric: {
    term: "Asymmetric task",
    text: "A task whose input is much longer than its output (summarise, answer from a " +
      "context), where the paper expects the encoder to pay off; symmetric tasks have inputs " +
      "and outputs of similar length (translate).",
  },
  pareto: {
    term: "Pareto front",
    text: "The models no other model beats on both average quality and TTFT.",
  },
  kd: {
    term: "Distillation gain",
    text: "A distilled student minus the baseline of the same architecture and split, in " +
      "normalised points.",
  },
  change: {
    term: "Change (history)",
    text:
      `On a target's history, a run's value more than ${
        CHANGE_THRESHOLD * 100
      }% worse than the previous run's, for the same model and metric: a mark to look at, not ` +
      "a regression (the series may span machines, and one run is noisy). Regressions are the " +
      "regression gate's (deno task compare): the same cell on the same hardware against the " +
      "median of its earlier runs, confirmed over two runs, and quality by the paired test.",
  },
};

/** The tooltip text of a term (its definition). */
export function tooltip(key: keyof typeof GLOSSARY | string): string {
  const e = GLOSSARY[key];
  return e ? `${e.term}: ${e.text}` : key;
}
