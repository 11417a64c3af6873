/**
 * CommonGen (real data: pulled from the Hub, `allenai/common_gen`, or brought by the user):
 * write one everyday sentence that uses every word of a short concept set: a short input (3
 * to 5 words), a longer output.
 *
 * Why this set for the short-to-long writing task: it is openly licensed (MIT), small (the
 * validation split, whose references are public, is 4,018 rows), and its
 * outputs are judged against human references, where open-ended story sets (WritingPrompts)
 * have unclear licences and outputs too long and free to score by overlap. Each row is one
 * human reference, so a concept set with several references is several samples. Scored with
 * BLEU and ROUGE-L (ROUGE-L primary, as the shipped `write` task).
 *
 * @module
 */
import { defineTask, text, texts } from "../src/tasks/mod.ts";
import type { Sample } from "../src/core/sample.ts";

const concepts = (s: Sample): string => texts(s, "concepts").join(", ");

export default defineTask({
  id: "common_gen",
  version: 1,
  description: "CommonGen: from a set of 3 to 5 concepts, write one everyday sentence that " +
    "uses them all (validation split, 4,018 references), scored with ROUGE-L and BLEU. " +
    "Data: allenai/common_gen from the Hugging Face Hub.",
  family: "writing",
  kind: "asymmetric",
  direction: "short_to_long",
  dataset: {
    source: {
      kind: "file",
      format: "jsonl",
      env: "COMMON_GEN_PATH",
      help: "Run `deno task pull dataset allenai/common_gen --split validation`, or export " +
        'the Hugging Face allenai/common_gen rows {"concepts": [...], "target"} as JSONL ' +
        "(e.g. data/common_gen/validation.jsonl) and set COMMON_GEN_PATH to the file or its " +
        "folder.",
      hub: {
        repo: "allenai/common_gen",
        revision: "refs/convert/parquet",
        config: "default",
        licence: "MIT",
      },
    },
    evalSplit: "validation",
    fields: { concepts: "concepts", target: "target" },
  },
  source: (s) => `generate a sentence with: ${concepts(s)}`,
  prompt: (s) =>
    "Write one sentence that uses all of these words.\n###Words\n" +
    `${concepts(s)}\n###Sentence\n`,
  target: (s) => text(s, "target"),
  references: (s) => [text(s, "target")],
  generation: { maxNewTokens: 48, stop: ["\n", "###"] },
  postprocess: ["trim"],
  metrics: [{ name: "rouge" }, { name: "bleu" }],
  primary: "rouge.rougeL",
});
