/**
 * The model's tokenizer built from parsed `tokenizer.json` +
 * `tokenizer_config.json` objects (Hugging Face format) via
 * @huggingface/tokenizers; pure, so the browser builds it the same way.
 *
 * @module
 */
import { Tokenizer } from "@huggingface/tokenizers";
import { ModelError } from "../core/errors.ts";

/** Encode / decode text, plus what the engine needs to know about special tokens. */
export interface TextTokenizer {
  /** Token ids of text, with the special tokens the tokenizer's template adds (BOS, EOS). */
  encode(text: string): number[];
  /** Text of ids, special tokens skipped. */
  decode(ids: readonly number[]): string;
  /** Number of ids the tokenizer can produce (vocabulary plus added tokens). */
  readonly vocabSize: number;
  /** Id of a token string from tokenizer_config.json (e.g. its `eos_token`), if any. */
  specialId(key: "eos_token" | "pad_token" | "bos_token"): number | undefined;
  /** `model_max_length` from tokenizer_config.json when it is a sane number. */
  readonly modelMaxLength?: number;
}

/**
 * Builds a tokenizer from the parsed JSON of `tokenizer.json` and
 * `tokenizer_config.json`; `jsonFile` names tokenizer.json in errors.
 *
 * @throws {ModelError} the tokenizer cannot be built.
 */
export function makeTokenizer(
  json: Record<string, unknown>,
  config: Record<string, unknown>,
  jsonFile: string,
): TextTokenizer {
  let tok: Tokenizer;
  try {
    tok = new Tokenizer(json, config);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new ModelError(`cannot build tokenizer (${why})`, { file: jsonFile, cause });
  }
  const vocab = tok.get_vocab(true);
  let maxId = -1;
  for (const id of vocab.values()) if (id > maxId) maxId = id;
  const tokenString = (v: unknown): string | undefined =>
    typeof v === "string"
      ? v
      : (typeof v === "object" && v !== null && typeof (v as { content?: unknown }).content ===
            "string")
      ? (v as { content: string }).content
      : undefined;
  const mml = config.model_max_length;
  return {
    encode: (text: string): number[] => tok.encode(text).ids,
    decode: (ids: readonly number[]): string =>
      tok.decode(ids as number[], { skip_special_tokens: true }),
    vocabSize: maxId + 1,
    specialId(key) {
      const s = tokenString(config[key]);
      return s === undefined ? undefined : tok.token_to_id(s);
    },
    ...(typeof mml === "number" && mml > 0 && mml < 1e7 ? { modelMaxLength: mml } : {}),
  };
}

/**
 * The stand-in tokenizer of a model loaded without one (`LoadOptions.idsOnly`): encoding text
 * is an error naming the folder, decoding gives empty text, and it knows no special tokens, so
 * the ids, eos and padding come from the model's config alone.
 */
export function idsOnlyTokenizer(dir: string): TextTokenizer {
  return {
    encode: (): number[] => {
      throw new ModelError("loaded without a tokenizer (idsOnly): requests must give inputIds", {
        file: dir,
        field: "text",
      });
    },
    decode: (): string => "",
    vocabSize: 0,
    specialId: () => undefined,
  };
}
