/**
 * Translation from English to Veltic, an invented language (the shipped
 * `translate` dataset).
 *
 * Primary metric: chrF. Veltic words carry affixes, so a near-miss word
 * shares most character n-grams with the reference; chrF rewards that and
 * stays informative for the ~2M-parameter models here, whose sentence BLEU
 * often has no 4-gram match and collapses to 0. BLEU is reported beside it.
 *
 * @module
 */
import { defineTask, text } from "../src/tasks/mod.ts";

const NAMES: Readonly<Record<string, string>> = {
  en: "English",
  english: "English",
  veltic: "Veltic",
  vel: "Veltic",
};

function langName(code: string): string {
  return NAMES[code.toLowerCase()] ?? code;
}

export default defineTask({
  id: "translate",
  version: 1,
  description: "Synthetic translation of short English sentences into Veltic, an invented " +
    "language with its own word order and affixes. Scored with chrF and BLEU.",
  family: "translation",
  kind: "symmetric",
  direction: "balanced",
  dataset: {
    source: { kind: "shipped", name: "translate" },
    evalSplit: "test",
    fields: {
      source_lang: "source_lang",
      target_lang: "target_lang",
      source: "source",
      target: "target",
    },
  },
  source: (s) =>
    `translate ${langName(text(s, "source_lang"))} to ${langName(text(s, "target_lang"))}: ` +
    text(s, "source"),
  prompt: (s) =>
    `translate ${langName(text(s, "source_lang"))} to ${langName(text(s, "target_lang"))}: ` +
    `${text(s, "source")}\n${langName(text(s, "target_lang"))}:\n`,
  target: (s) => text(s, "target"),
  references: (s) => [text(s, "target")],
  generation: { maxNewTokens: 64, stop: ["\n"] },
  postprocess: ["trim"],
  metrics: [{ name: "chrf" }, { name: "bleu" }],
  primary: "chrf.score",
});
