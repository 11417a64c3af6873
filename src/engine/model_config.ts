/**
 * What the engine needs from `config.json` and `generation_config.json`:
 * architecture, vocabulary size, special token ids and cache geometry.
 *
 * @module
 */
import { ModelError } from "../core/errors.ts";
import { join } from "node:path";

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

async function readJson(path: string, required: boolean): Promise<Obj | undefined> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (cause) {
    if (!required && cause instanceof Deno.errors.NotFound) return undefined;
    throw new ModelError("missing file", { file: path, cause });
  }
  try {
    const v = JSON.parse(text);
    if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error("not an object");
    return v as Obj;
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new ModelError(`not a JSON object (${why})`, { file: path, cause });
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

/** Reads a JSON object file, or undefined when it does not exist (and `required` is false). */
export { readJson };

/**
 * Reads `config.json` (required) and `generation_config.json` (optional) of a model folder.
 *
 * @throws {ModelError} missing or invalid config.json; unknown architecture
 *   (no `model_type`, or an encoder-only / non-text model type).
 */
export async function readModelConfig(dir: string): Promise<ModelConfig> {
  const file = join(dir, "config.json");
  const c = (await readJson(file, true))!;
  const g = (await readJson(join(dir, "generation_config.json"), false)) ?? {};
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
  return out;
}
