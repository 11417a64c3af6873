/**
 * Extractive QA with unanswerable questions on the shipped synthetic `qa`
 * dataset (SQuAD v2 style): answer with a span of the context, or
 * `unanswerable`.
 *
 * @module
 */
import { defineTask, flag, text, texts } from "../src/tasks/mod.ts";
import type { Sample } from "../src/core/sample.ts";

function answerable(s: Sample): boolean {
  return !flag(s, "is_impossible") && texts(s, "answers").length > 0;
}

export default defineTask({
  id: "qa",
  version: 1,
  description: "Synthetic SQuAD v2-style QA: extract the answer span from a short context, " +
    "or say `unanswerable` (about a third of the questions). Scored with SQuAD v2 F1.",
  family: "qa",
  kind: "asymmetric",
  direction: "long_to_short",
  dataset: {
    source: { kind: "shipped", name: "qa" },
    evalSplit: "test",
    fields: {
      title: "title",
      context: "context",
      question: "question",
      answers: "answers",
      is_impossible: "is_impossible",
    },
  },
  source: (s) => `question: ${text(s, "question")} context: ${text(s, "context")}`,
  prompt: (s) => `question: ${text(s, "question")}\ncontext: ${text(s, "context")}\nanswer:\n`,
  target: (s) => (answerable(s) ? texts(s, "answers")[0] as string : "unanswerable"),
  references: (s) => (answerable(s) ? texts(s, "answers") : [""]),
  generation: { maxNewTokens: 16, stop: ["\n"] },
  postprocess: ["trim", "unanswerable_to_empty"],
  metrics: [{ name: "squad", options: { squadVersion: 2 } }, { name: "rouge" }],
  primary: "squad.f1",
});
