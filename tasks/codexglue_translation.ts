/**
 * CodeXGLUE code-to-code translation, Java to C# (real data: pulled from the Hub,
 * `google/code_x_glue_cc_code_to_code_trans`, or brought by the user).
 *
 * @module
 */
import { defineTask, text } from "../src/tasks/mod.ts";

export default defineTask({
  id: "codexglue_translation",
  version: 1,
  description: "CodeXGLUE code-to-code translation: translate a Java method to C# " +
    "(1,000 test pairs). Scored with BLEU and exact match, as CodeXGLUE reports, plus ROUGE-L " +
    "as in the paper.",
  family: "code_translation",
  kind: "symmetric",
  direction: "balanced",
  dataset: {
    source: {
      kind: "file",
      format: "codexglue",
      env: "CODEXGLUE_PATH",
      help: "Copy the data folder of microsoft/CodeXGLUE Code-Code/code-to-code-trans " +
        "(files test.java-cs.txt.java and test.java-cs.txt.cs, likewise train and valid) " +
        "or a JSONL export of the Hugging Face code_x_glue_cc_code_to_code_trans rows " +
        '{"id","java","cs"} here (e.g. data/codexglue/) and set CODEXGLUE_PATH to that ' +
        "folder or file.",
      hub: {
        repo: "google/code_x_glue_cc_code_to_code_trans",
        revision: "refs/convert/parquet",
        config: "default",
        licence: "C-UDA (Computational Use of Data Agreement)",
      },
    },
    evalSplit: "test",
    fields: { java: "java", cs: "cs" },
  },
  source: (s) => `translate Java to C#: ${text(s, "java")}`,
  prompt: (s) => `Translate the following Java code to C#.\n###Java\n${text(s, "java")}\n###C#\n`,
  target: (s) => text(s, "cs"),
  references: (s) => [text(s, "cs")],
  generation: { maxNewTokens: 256, stop: ["\n", "###"] },
  postprocess: ["trim"],
  metrics: [{ name: "bleu" }, { name: "exact_match" }, { name: "rouge" }],
  primary: "bleu.score",
});
