/** Which files of a repository the engine needs for a dtype (the engine's layout rule). */
import { assertEquals, assertThrows } from "../results/_assert.ts";
import { HubError } from "../../src/core/errors.ts";
import { parseRepoSpec } from "../../src/hub/mod.ts";
import { selectModelFiles } from "../../src/hub/select_files.ts";

const DEC = JSON.stringify({ model_type: "qwen2" });
const ENC_DEC = JSON.stringify({ model_type: "t5", is_encoder_decoder: true });

/** A transformers.js-style repository (onnx-community/...). */
const REPO = [
  ".gitattributes",
  "README.md",
  "config.json",
  "generation_config.json",
  "merges.txt",
  "tokenizer.json",
  "tokenizer_config.json",
  "vocab.json",
  "onnx/model.onnx",
  "onnx/model.onnx_data",
  "onnx/model.onnx_data_1",
  "onnx/model_fp16.onnx",
  "onnx/model_fp16.onnx_data",
  "onnx/model_q4.onnx",
  "onnx/model_quantized.onnx",
];

Deno.test("decoder-only: config, tokenizer files, the dtype's model and its external data", () => {
  const root = [
    "config.json",
    "generation_config.json",
    "merges.txt",
    "tokenizer.json",
    "tokenizer_config.json",
    "vocab.json",
  ];
  assertEquals(
    selectModelFiles(REPO, DEC, "fp32", "r"),
    [...root, "onnx/model.onnx", "onnx/model.onnx_data", "onnx/model.onnx_data_1"].sort(),
  );
  assertEquals(
    selectModelFiles(REPO, DEC, "fp16", "r"),
    [...root, "onnx/model_fp16.onnx", "onnx/model_fp16.onnx_data"].sort(),
  );
  assertEquals(selectModelFiles(REPO, DEC, "q4", "r"), [...root, "onnx/model_q4.onnx"].sort());
});

Deno.test("encoder-decoder: encoder and merged decoder of the dtype, onnx/ before the root", () => {
  const files = [
    "config.json",
    "tokenizer.json",
    "spiece.model",
    "encoder_model.onnx",
    "onnx/encoder_model_quantized.onnx",
    "onnx/decoder_model_merged_quantized.onnx",
    "onnx/encoder_model.onnx",
    "onnx/decoder_model_merged.onnx",
  ];
  assertEquals(selectModelFiles(files, ENC_DEC, "q8", "r"), [
    "config.json",
    "onnx/decoder_model_merged_quantized.onnx",
    "onnx/encoder_model_quantized.onnx",
    "spiece.model",
    "tokenizer.json",
  ]);
  assertEquals(selectModelFiles(files, ENC_DEC, "fp32", "r"), [
    "config.json",
    "onnx/decoder_model_merged.onnx",
    "onnx/encoder_model.onnx",
    "spiece.model",
    "tokenizer.json",
  ]);
});

Deno.test("a dtype the repository lacks, or a model the engine cannot run, is a HubError", () => {
  const e = assertThrows(() => selectModelFiles(REPO, DEC, "bnb4", "org/x@main"), HubError);
  assertEquals(
    e.message,
    "org/x@main/onnx/model_bnb4.onnx: missing file: model_bnb4.onnx (dtype bnb4; dtypes present: fp32, fp16, q8, q4)",
  );
  assertThrows(
    () => selectModelFiles(REPO, JSON.stringify({ model_type: "bert" }), "fp32", "r"),
    HubError,
  );
});

Deno.test("repository specs: ORG/NAME[@REV], checked", () => {
  assertEquals(parseRepoSpec("HuggingFaceTB/SmolLM2-135M-Instruct"), {
    repo: "HuggingFaceTB/SmolLM2-135M-Instruct",
    revision: "main",
  });
  assertEquals(parseRepoSpec("a/b@v1.0"), { repo: "a/b", revision: "v1.0" });
  for (const bad of ["a", "a/b/c", "a/b@", "a--x/b", "a/.b", "a/b c", "a/b@x y"]) {
    assertThrows(() => parseRepoSpec(bad, "--models"), Error);
  }
});
