/**
 * Creative writing from a short prompt (the shipped `write` dataset, a
 * stand-in for the paper's IELTS task): short input, long output.
 *
 * @module
 */
import { defineTask, text } from "../src/tasks/mod.ts";

export default defineTask({
  id: "write",
  version: 1,
  description: "Synthetic writing task: from a one-line prompt (topic and attributes), write " +
    "a short text. Scored with ROUGE-L against the reference text.",
  family: "writing",
  kind: "asymmetric",
  direction: "short_to_long",
  dataset: {
    source: { kind: "shipped", name: "write" },
    evalSplit: "test",
    fields: { prompt: "prompt", text: "text", topic: "topic" },
  },
  source: (s) => `write: ${text(s, "prompt")}`,
  prompt: (s) => `write: ${text(s, "prompt")}\ntext:\n`,
  target: (s) => text(s, "text"),
  references: (s) => [text(s, "text")],
  generation: { maxNewTokens: 192, stop: ["\n"] },
  postprocess: ["trim"],
  metrics: [{ name: "rouge" }],
  primary: "rouge.rougeL",
});
