/**
 * Token counting for length statistics: a Hugging Face `tokenizer.json`
 * loaded with @huggingface/tokenizers, or whitespace words as a fallback.
 *
 * @module
 */
import { Tokenizer } from "@huggingface/tokenizers";
import { ConfigError } from "../core/errors.ts";
import { whitespaceTokens } from "./stats.ts";

/** Counts tokens of a text, and says how. */
export interface TokenCounter {
  /** Human-readable name, e.g. `models/tokenizer/tokenizer.json` or `whitespace words`. */
  readonly name: string;
  /** Number of tokens of `text`, without special tokens. */
  count(text: string): number;
}

/** The whitespace-word counter. */
export const WHITESPACE_COUNTER: TokenCounter = {
  name: "whitespace words",
  count: whitespaceTokens,
};

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await Deno.readTextFile(file));
  } catch (cause) {
    if (cause instanceof Deno.errors.NotFound) return undefined;
    const why = cause instanceof SyntaxError ? "not valid JSON" : (cause as Error).message;
    throw new ConfigError(`cannot read tokenizer file: ${why}`, { file, cause });
  }
}

/**
 * Loads `<dir>/tokenizer.json` (and `tokenizer_config.json` when present).
 * A missing or unreadable tokenizer.json is a ConfigError naming the file.
 */
export async function loadTokenCounter(dir: string): Promise<TokenCounter> {
  const base = dir.replace(/\/$/, "");
  const file = `${base}/tokenizer.json`;
  const json = await readJson(file);
  if (json === undefined) throw new ConfigError("tokenizer.json not found", { file });
  const config = (await readJson(`${base}/tokenizer_config.json`)) ?? {};
  let tokenizer: Tokenizer;
  try {
    tokenizer = new Tokenizer(json as object, config as object);
  } catch (cause) {
    throw new ConfigError(`not a usable tokenizer: ${(cause as Error).message}`, { file, cause });
  }
  return {
    name: file,
    count: (text) => tokenizer.encode(text, { add_special_tokens: false }).ids.length,
  };
}

/** True when `<dir>/tokenizer.json` exists. */
export async function hasTokenizer(dir: string): Promise<boolean> {
  try {
    return (await Deno.stat(`${dir.replace(/\/$/, "")}/tokenizer.json`)).isFile;
  } catch {
    return false;
  }
}
