/**
 * User-export layouts (tiny random-weight fixtures made by
 * tests/fixtures/models/make_fixtures.py): GPT-2 without position_ids, a
 * Qwen2/Llama export at the folder root with grouped KV heads and an fp16
 * variant, BART with a merged decoder, T5 with the decoder / with-past pair.
 * Greedy output must equal the PyTorch reference at batch 1 and in a padded
 * batch, with and without the KV cache.
 */
import assert from "node:assert/strict";
import { builtinTargets, loadModel } from "../../src/engine/mod.ts";
import { float32FromBase64, maxAbsDiff, readReference } from "../models/_zoo.ts";

const FIXTURES = new URL("../fixtures/models/", import.meta.url).pathname;
const target = builtinTargets()[0]!;

const CASES = [
  { name: "gpt2", dtype: "fp32", arch: "decoder-only", files: ["onnx/model.onnx"] },
  { name: "llama", dtype: "fp32", arch: "decoder-only", files: ["model.onnx"] },
  { name: "llama", dtype: "fp16", arch: "decoder-only", files: ["model_fp16.onnx"] },
  {
    name: "bart",
    dtype: "fp32",
    arch: "encoder-decoder",
    files: ["onnx/encoder_model.onnx", "onnx/decoder_model_merged.onnx"],
  },
  {
    name: "t5",
    dtype: "fp32",
    arch: "encoder-decoder",
    files: [
      "onnx/encoder_model.onnx",
      "onnx/decoder_model.onnx",
      "onnx/decoder_with_past_model.onnx",
    ],
  },
  {
    name: "marian",
    dtype: "fp32",
    arch: "encoder-decoder",
    files: ["onnx/encoder_model.onnx", "onnx/decoder_model_merged.onnx"],
  },
  {
    name: "phi3",
    dtype: "fp32",
    arch: "decoder-only",
    files: ["onnx/model.onnx", "onnx/model.onnx_data", "onnx/model.onnx_data_1"],
  },
  { name: "phi3", dtype: "q4", arch: "decoder-only", files: ["onnx/model_q4.onnx"] },
] as const;

for (const c of CASES) {
  Deno.test(`layout ${c.name} ${c.dtype}: recognised, greedy equals reference with and without cache, batched`, async () => {
    const dir = `${FIXTURES}${c.name}`;
    const ref = await readReference(dir);
    const model = await loadModel(dir, { target, dtype: c.dtype });
    try {
      assert.equal(model.info.architecture, c.arch);
      assert.deepEqual(model.info.files, [...c.files]);
      assert.equal(model.info.kvCache, true);
      // random weights give logits in the hundreds: compare relative to the largest
      const tol = c.dtype === "fp16" ? 5e-3 : c.dtype === "q4" ? 1e-4 : 1e-5;
      const want0 = float32FromBase64(ref.items[0]!.first_logits.base64);
      const first = await model.firstStepLogits(ref.items[0]!.input_ids);
      const scale = want0.reduce((m, x) => Math.max(m, Math.abs(x)), 1);
      const diff = maxAbsDiff(first, want0) / scale;
      assert.ok(diff <= tol, `first-step logits differ by ${diff} (relative)`);
      const requests = ref.items.map((it) => ({ inputIds: it.input_ids }));
      const want = ref.items.map((it) => it.output_ids);
      for (const kvCache of [true, false]) {
        for (const batchSize of [1, requests.length]) {
          const res = await model.generate(requests, {
            maxNewTokens: ref.max_new_tokens,
            ignoreEos: true,
            kvCache,
            batchSize,
          });
          assert.deepEqual(res.map((r) => r.tokenIds), want, `cache ${kvCache} batch ${batchSize}`);
          for (const r of res) assert.equal(r.timings.batchRows, batchSize);
        }
      }
    } finally {
      await model.dispose();
    }
  });
}

Deno.test("layout: parameter counts come from initialisers, shared weights once", async () => {
  const t5 = await loadModel(`${FIXTURES}t5`, { target });
  const bart = await loadModel(`${FIXTURES}bart`, { target });
  try {
    // same architecture: the pair layout and the merged layout count alike
    assert.deepEqual(t5.info.params, bart.info.params);
    const p = t5.info.params;
    // the embedding [35, 16] and the folded transpose the exporter stored for the tied head
    // [16, 35], each once although encoder and decoder files both hold them
    assert.equal(p.embeddings, 2 * 35 * 16);
    assert.ok(p.encoder! > 0 && p.decoder! > p.encoder!);
    assert.ok(p.total < p.encoder! + p.decoder! + p.embeddings!, "shared weights counted once");
    assert.ok(t5.info.bytes > 0);
  } finally {
    await t5.dispose();
    await bart.dispose();
  }
});

Deno.test("layout: a q4 file counts its MatMulNBits blocks as the weights they hold", async () => {
  const fp32 = await loadModel(`${FIXTURES}phi3`, { target });
  const q4 = await loadModel(`${FIXTURES}phi3`, { target, dtype: "q4" });
  try {
    // external data counted like inline weights; packed 4-bit blocks as K x N, scales not at all
    assert.deepEqual(q4.info.params, fp32.info.params);
    assert.equal(fp32.info.params.embeddings, 2 * 35 * 16);
    assert.equal(q4.info.dtype, "q4");
    assert.ok(q4.info.bytes < fp32.info.bytes);
  } finally {
    await fp32.dispose();
    await q4.dispose();
  }
});
