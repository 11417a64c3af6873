/**
 * WMT14 English to German news translation (real data: pulled from the Hub, `wmt/wmt14`
 * config `de-en`, or brought by the user): newstest2014, the classic T5 / Flan-T5 pair.
 *
 * Why this pair: English to German is the direction T5 and Flan-T5 name in their own task
 * prefix (`translate English to German:`) and the most reported WMT direction, so scores
 * compare with published ones; its test split is 3,003 sentence pairs, small enough to pull
 * (`--split test` leaves the 4.5M-pair train split on the Hub) and score on a CPU. Scored as sacreBLEU
 * scores it: chrF (primary; informative for small models whose sentence BLEU has no 4-gram
 * match) and BLEU with the 13a tokenizer.
 *
 * @module
 */
import { defineTask, text } from "../src/tasks/mod.ts";

export default defineTask({
  id: "wmt14_en_de",
  version: 1,
  description: "WMT14 news translation from English to German on newstest2014 (3,003 " +
    "sentences), scored with chrF and BLEU as sacreBLEU computes them. Data: wmt/wmt14 " +
    "(config de-en) from the Hugging Face Hub.",
  family: "translation",
  kind: "symmetric",
  direction: "balanced",
  dataset: {
    source: {
      kind: "file",
      format: "jsonl",
      env: "WMT14_PATH",
      help: "Run `deno task pull dataset wmt/wmt14 --config de-en --split test`, or export " +
        'the Hugging Face wmt/wmt14 de-en rows {"translation": {"de", "en"}} as JSONL (e.g. ' +
        "data/wmt14/test.jsonl) and set WMT14_PATH to the file or its folder.",
      hub: {
        repo: "wmt/wmt14",
        revision: "refs/convert/parquet",
        config: "de-en",
        licence: "unknown (the card states none; WMT news test sets, for research)",
      },
    },
    evalSplit: "test",
    fields: { en: "translation.en", de: "translation.de" },
  },
  source: (s) => `translate English to German: ${text(s, "en")}`,
  prompt: (s) =>
    `Translate the following English text to German.\n###English\n${text(s, "en")}\n###German\n`,
  target: (s) => text(s, "de"),
  references: (s) => [text(s, "de")],
  generation: { maxNewTokens: 128, stop: ["\n", "###"] },
  postprocess: ["trim"],
  metrics: [{ name: "chrf" }, { name: "bleu" }],
  primary: "chrf.score",
});
