/**
 * Toy code translation between two invented languages (the shipped
 * `code_translate` dataset: pyla, indentation-based, to curly, brace-based).
 *
 * @module
 */
import { defineTask, text } from "../src/tasks/mod.ts";

export default defineTask({
  id: "code_translate",
  version: 1,
  description: "Synthetic code translation from pyla (indentation-based) to curly " +
    "(brace-based), a stand-in for CodeXGLUE Java to C#. Scored with BLEU and exact match.",
  family: "code_translation",
  kind: "symmetric",
  direction: "balanced",
  dataset: {
    source: { kind: "shipped", name: "code_translate" },
    evalSplit: "test",
    fields: {
      source_lang: "source_lang",
      target_lang: "target_lang",
      source: "source",
      target: "target",
    },
  },
  source: (s) =>
    `translate ${text(s, "source_lang")} to ${text(s, "target_lang")}: ${text(s, "source")}`,
  prompt: (s) =>
    `translate ${text(s, "source_lang")} to ${text(s, "target_lang")}: ${text(s, "source")}\n` +
    `${text(s, "target_lang")}:\n`,
  target: (s) => text(s, "target"),
  references: (s) => [text(s, "target")],
  generation: { maxNewTokens: 256, stop: [] },
  postprocess: ["trim"],
  metrics: [{ name: "bleu" }, { name: "exact_match" }],
  primary: "bleu.score",
});
