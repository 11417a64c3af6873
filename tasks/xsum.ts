/**
 * XSum extreme summarisation (real data: pulled from the Hub, `EdinburghNLP/xsum`, or
 * brought by the user).
 *
 * @module
 */
import { defineTask, text } from "../src/tasks/mod.ts";

export default defineTask({
  id: "xsum",
  version: 1,
  description: "XSum: a one-sentence summary of a BBC article, scored with ROUGE-L on the " +
    "test split (11,334 articles).",
  family: "summarization",
  kind: "asymmetric",
  direction: "long_to_short",
  dataset: {
    source: {
      kind: "file",
      format: "xsum",
      env: "XSUM_PATH",
      help: "Export the Hugging Face `EdinburghNLP/xsum` splits as JSONL rows " +
        '{"document","summary","id"} (datasets: ds["test"].to_json("test.jsonl")) or CSV with ' +
        "those columns, on a machine with internet; copy them here (e.g. data/xsum/test.jsonl) " +
        "and set XSUM_PATH to the file or its folder.",
      hub: {
        repo: "EdinburghNLP/xsum",
        revision: "refs/convert/parquet",
        config: "default",
        licence: "unknown (the card states none; BBC articles, for research)",
      },
    },
    evalSplit: "test",
    fields: { document: "document", summary: "summary" },
  },
  source: (s) => `summarize: ${text(s, "document")}`,
  prompt: (s) =>
    "Summarize the following document in one sentence.\n###Document\n" +
    `${text(s, "document")}\n###Summary\n`,
  target: (s) => text(s, "summary"),
  references: (s) => [text(s, "summary")],
  generation: { maxNewTokens: 64, stop: ["\n", "###"] },
  postprocess: ["trim"],
  metrics: [{ name: "rouge", options: { useStemmer: true } }],
  primary: "rouge.rougeL",
});
