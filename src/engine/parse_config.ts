/**
 * Parses the settings the engine needs from a model folder's `config.json`
 * and `generation_config.json` objects; pure, so the browser runs it too.
 *
 * @module
 */
import { ModelError } from "../core/errors.ts";

/** Settings read from a model folder's configuration files. */
export interface ModelConfig {
  /** `model_type`, e.g. `llama`, `t5`, `bart`, `gpt2`, `encdec_rope`. */
  readonly modelType: string;
  /** `is_encoder_decoder` from config.json. */
  readonly isEncoderDecoder: boolean;
  /** `vocab_size`, when given. */
  readonly vocabSize?: number;
  /** End-of-sequence ids (generation_config.json first, then config.json). */
  readonly eosIds: readonly number[];
  /** Padding id, when known. */
  readonly padId?: number;
  /** Beginning-of-sequence id, when known. */
  readonly bosId?: number;
  /** First decoder token of encoder-decoder models. */
  readonly decoderStartId?: number;
  /** Longest input the model's positions allow, when stated. */
  readonly maxPositions?: number;
  /**
   * Longest input the model was trained on (`max_source_tokens` or `max_prompt_tokens`), when
   * stated: eval truncates inputs to it.
   */
  readonly trainedInputTokens?: number;
  /** Encoder layers (`num_encoder_layers` or BART/Marian's `encoder_layers`, else `num_layers`). */
  readonly encoderLayers?: number;
  /** Decoder layers (`num_decoder_layers` or BART/Marian's `decoder_layers`, else `num_layers`). */
  readonly decoderLayers?: number;
  /** Key/value heads (for cache shapes that metadata leaves symbolic). */
  readonly kvHeads?: number;
  /** Head dimension (likewise). */
  readonly headDim?: number;
}

/** Model types that cannot generate text: encoder-only and non-text models. */
const NOT_GENERATIVE = new Set([
  "bert",
  "roberta",
  "distilbert",
  "albert",
  "electra",
  "deberta",
  "deberta-v2",
  "xlm-roberta",
  "mpnet",
  "camembert",
  "vit",
  "clip",
  "wav2vec2",
  "whisper",
  "resnet",
]);

type Obj = Record<string, unknown>;

/**
 * Parses a JSON file's text that must hold an object; `file` is named in errors.
 *
 * @throws {ModelError} not JSON, or not an object.
 */
export function parseJsonObject(text: string, file: string): Obj {
  try {
    const v = JSON.parse(text);
    if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error("not an object");
    return v as Obj;
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new ModelError(`not a JSON object (${why})`, { file, cause });
  }
}

function int(v: unknown): number | undefined {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : undefined;
}

function ids(v: unknown): number[] {
  if (Array.isArray(v)) return v.map(int).filter((x): x is number => x !== undefined);
  const one = int(v);
  return one === undefined ? [] : [one];
}

/**
 * Reads the engine's settings from a parsed `config.json` (`c`) and
 * `generation_config.json` (`g`, `{}` when absent); `file` names config.json in errors.
 *
 * @throws {ModelError} unknown architecture (no `model_type`, or an
 *   encoder-only / non-text model type).
 */
export function parseModelConfig(c: Obj, g: Obj, file: string): ModelConfig {
  const modelType = c.model_type;
  if (typeof modelType !== "string" || modelType.length === 0) {
    throw new ModelError("unknown architecture: config.json has no model_type", {
      file,
      field: "model_type",
      value: modelType,
    });
  }
  if (NOT_GENERATIVE.has(modelType)) {
    throw new ModelError(
      "unknown architecture: not an encoder-decoder or decoder-only text generator",
      { file, field: "model_type", value: modelType },
    );
  }
  const pick = (key: string): unknown => g[key] ?? c[key];
  const eosIds = ids(pick("eos_token_id"));
  const heads = int(c.num_attention_heads) ?? int(c.num_heads) ?? int(c.n_head) ??
    int(c.decoder_attention_heads);
  const hidden = int(c.hidden_size) ?? int(c.d_model) ?? int(c.n_embd);
  const headDim = int(c.head_dim) ?? int(c.d_kv) ??
    (heads && hidden ? Math.floor(hidden / heads) : undefined);
  const kvHeads = int(c.num_key_value_heads) ?? heads;
  const out: { -readonly [K in keyof ModelConfig]: ModelConfig[K] } = {
    modelType,
    isEncoderDecoder: c.is_encoder_decoder === true,
    eosIds,
  };
  const set = <K extends keyof ModelConfig>(key: K, v: ModelConfig[K] | undefined): void => {
    if (v !== undefined) out[key] = v;
  };
  set("vocabSize", int(c.vocab_size));
  set("padId", int(pick("pad_token_id")));
  set("bosId", int(pick("bos_token_id")));
  set("decoderStartId", int(pick("decoder_start_token_id")));
  set(
    "maxPositions",
    int(c.max_position_embeddings) ?? int(c.n_positions) ?? int(c.max_source_tokens) ??
      int(c.max_sequence_length),
  );
  set("kvHeads", kvHeads);
  set("headDim", headDim);
  set("trainedInputTokens", int(c.max_source_tokens) ?? int(c.max_prompt_tokens));
  set("encoderLayers", int(c.num_encoder_layers) ?? int(c.encoder_layers) ?? int(c.num_layers));
  set("decoderLayers", int(c.num_decoder_layers) ?? int(c.decoder_layers) ?? int(c.num_layers));
  return out;
}
