/**
 * The families' config.json as their Hub ONNX repos ship it (trimmed to the fields the engine
 * reads; values are the real models'): T5 (flan-t5-small), BART (bart-base), Marian
 * (opus-mt-en-de), GPT-2, Llama (SmolLM2-135M-Instruct), Qwen2 (Qwen2.5-0.5B-Instruct) and
 * Phi-3 (Phi-3-mini-4k-instruct), each with its generation_config.json where it changes a value.
 */
import assert from "node:assert/strict";
import { parseModelConfig } from "../../src/engine/parse_config.ts";

const CASES = [
  {
    name: "t5",
    c: {
      model_type: "t5",
      is_encoder_decoder: true,
      vocab_size: 32128,
      d_model: 512,
      d_kv: 64,
      num_heads: 6,
      num_layers: 8,
      num_decoder_layers: 8,
      eos_token_id: 1,
      pad_token_id: 0,
      decoder_start_token_id: 0,
    },
    g: {},
    want: { kvHeads: 6, headDim: 64, encoderLayers: 8, decoderLayers: 8, eosIds: [1] },
  },
  {
    name: "bart",
    c: {
      model_type: "bart",
      is_encoder_decoder: true,
      vocab_size: 50265,
      d_model: 768,
      encoder_attention_heads: 12,
      decoder_attention_heads: 12,
      encoder_layers: 6,
      decoder_layers: 6,
      max_position_embeddings: 1024,
      bos_token_id: 0,
      eos_token_id: 2,
      pad_token_id: 1,
      decoder_start_token_id: 2,
    },
    g: {},
    want: {
      kvHeads: 12,
      headDim: 64,
      encoderLayers: 6,
      decoderLayers: 6,
      decoderStartId: 2,
      maxPositions: 1024,
    },
  },
  {
    name: "marian",
    c: {
      model_type: "marian",
      is_encoder_decoder: true,
      vocab_size: 58101,
      d_model: 512,
      encoder_attention_heads: 8,
      decoder_attention_heads: 8,
      encoder_layers: 6,
      decoder_layers: 6,
      max_position_embeddings: 512,
      eos_token_id: 0,
      pad_token_id: 58100,
      decoder_start_token_id: 58100,
    },
    g: { bad_words_ids: [[58100]], decoder_start_token_id: 58100 },
    want: { kvHeads: 8, headDim: 64, decoderStartId: 58100, padId: 58100, eosIds: [0] },
  },
  {
    name: "gpt2",
    c: {
      model_type: "gpt2",
      vocab_size: 50257,
      n_embd: 768,
      n_head: 12,
      n_layer: 12,
      n_positions: 1024,
      bos_token_id: 50256,
      eos_token_id: 50256,
    },
    g: {},
    want: { kvHeads: 12, headDim: 64, maxPositions: 1024, eosIds: [50256] },
  },
  {
    name: "llama",
    c: {
      model_type: "llama",
      vocab_size: 49152,
      hidden_size: 576,
      num_attention_heads: 9,
      num_key_value_heads: 3,
      num_hidden_layers: 30,
      head_dim: 64,
      max_position_embeddings: 8192,
      bos_token_id: 1,
      eos_token_id: 2,
      pad_token_id: 2,
    },
    g: {},
    want: { kvHeads: 3, headDim: 64, maxPositions: 8192, eosIds: [2] },
  },
  {
    name: "qwen2",
    c: {
      model_type: "qwen2",
      vocab_size: 151936,
      hidden_size: 896,
      num_attention_heads: 14,
      num_key_value_heads: 2,
      num_hidden_layers: 24,
      max_position_embeddings: 32768,
      bos_token_id: 151643,
      eos_token_id: 151645,
    },
    g: { eos_token_id: [151645, 151643], pad_token_id: 151643 },
    want: { kvHeads: 2, headDim: 64, maxPositions: 32768, eosIds: [151645, 151643], padId: 151643 },
  },
  {
    name: "phi3",
    c: {
      model_type: "phi3",
      vocab_size: 32064,
      hidden_size: 3072,
      num_attention_heads: 32,
      num_key_value_heads: 32,
      num_hidden_layers: 32,
      max_position_embeddings: 4096,
      bos_token_id: 1,
      eos_token_id: 32000,
      pad_token_id: 32000,
    },
    g: { eos_token_id: [32000, 32001, 32007] },
    want: { kvHeads: 32, headDim: 96, maxPositions: 4096, eosIds: [32000, 32001, 32007] },
  },
] as const;

for (const k of CASES) {
  Deno.test(`config.json of ${k.name}: cache geometry, layers, special ids`, () => {
    const got = parseModelConfig({ ...k.c }, { ...k.g }, `${k.name}/config.json`);
    assert.equal(got.modelType, k.c.model_type);
    assert.equal(got.isEncoderDecoder, "is_encoder_decoder" in k.c);
    for (const [field, value] of Object.entries(k.want)) {
      assert.deepEqual(got[field as keyof typeof got], value, field);
    }
  });
}
