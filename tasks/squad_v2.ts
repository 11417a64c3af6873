/**
 * SQuAD 2.0 (real data: pulled from the Hub, `rajpurkar/squad_v2`, or brought by the user):
 * the paper's QA task.
 *
 * @module
 */
import { defineTask, flag, text, texts } from "../src/tasks/mod.ts";
import type { Sample } from "../src/core/sample.ts";

function answerable(s: Sample): boolean {
  return !flag(s, "is_impossible") && texts(s, "answers").length > 0;
}

export default defineTask({
  id: "squad_v2",
  version: 1,
  description: "SQuAD 2.0 reading comprehension with unanswerable questions, scored on the " +
    "official dev set with the SQuAD v2 rules (empty answer for no-answer questions). " +
    "Decoder-only models get the paper's QA prompt.",
  family: "qa",
  kind: "asymmetric",
  direction: "long_to_short",
  dataset: {
    source: {
      kind: "file",
      format: "squad_json",
      env: "SQUAD_V2_PATH",
      help: "Download dev-v2.0.json (and train-v2.0.json for training) from " +
        "https://rajpurkar.github.io/SQuAD-explorer/ on a machine with internet, copy it here " +
        "(e.g. data/squad_v2/dev-v2.0.json) and set SQUAD_V2_PATH to the file or its folder.",
      hub: {
        repo: "rajpurkar/squad_v2",
        revision: "refs/convert/parquet",
        config: "squad_v2",
        licence: "CC BY-SA 4.0",
      },
    },
    evalSplit: "validation",
    fields: {
      title: "title",
      context: "context",
      question: "question",
      answers: "answers.text",
      is_impossible: "is_impossible",
    },
  },
  source: (s) => `question: ${text(s, "question")} context: ${text(s, "context")}`,
  prompt: (s) =>
    "Answer the following question based only on the context.\n###Question\n" +
    `${text(s, "question")}\n###Context\n${text(s, "context")}\n###Answer\n`,
  target: (s) => (answerable(s) ? texts(s, "answers")[0] as string : "unanswerable"),
  references: (s) => (answerable(s) ? texts(s, "answers") : [""]),
  generation: { maxNewTokens: 32, stop: ["\n", "###"] },
  postprocess: ["trim", "strip_answer_prefix", "unanswerable_to_empty"],
  metrics: [{ name: "squad", options: { squadVersion: 2 } }, { name: "rouge" }],
  primary: "squad.f1",
});
