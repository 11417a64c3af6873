/**
 * One-sentence summaries of short synthetic news-like documents (the shipped
 * `summarize` dataset, XSum style).
 *
 * @module
 */
import { defineTask, text } from "../src/tasks/mod.ts";

export default defineTask({
  id: "summarize",
  version: 1,
  description: "Synthetic XSum-style summarisation: a one-sentence summary of a document. " +
    "Scored with ROUGE-L.",
  family: "summarization",
  kind: "asymmetric",
  direction: "long_to_short",
  dataset: {
    source: { kind: "shipped", name: "summarize" },
    evalSplit: "test",
    fields: { document: "document", summary: "summary" },
  },
  source: (s) => `summarize: ${text(s, "document")}`,
  prompt: (s) => `summarize: ${text(s, "document")}\nsummary:\n`,
  target: (s) => text(s, "summary"),
  references: (s) => [text(s, "summary")],
  generation: { maxNewTokens: 64, stop: ["\n"] },
  postprocess: ["trim"],
  metrics: [{ name: "rouge" }],
  primary: "rouge.rougeL",
});
