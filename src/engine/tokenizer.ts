/**
 * Loads a model folder's tokenizer (`tokenizer.json` + `tokenizer_config.json`).
 *
 * @module
 */
import { join } from "node:path";
import { readJson } from "./model_config.ts";
import { idsOnlyTokenizer, makeTokenizer, type TextTokenizer } from "./text_tokenizer.ts";

export type { TextTokenizer } from "./text_tokenizer.ts";

/**
 * Loads the tokenizer of a model folder; with `idsOnly`, reads nothing and returns the
 * stand-in of a model fed token ids (`idsOnlyTokenizer`).
 *
 * @throws {ModelError} a file is missing, is not JSON, or the tokenizer cannot be built.
 */
export async function loadTokenizer(dir: string, idsOnly = false): Promise<TextTokenizer> {
  if (idsOnly) return idsOnlyTokenizer(dir);
  const jsonFile = join(dir, "tokenizer.json");
  const json = (await readJson(jsonFile, true))!;
  const config = (await readJson(join(dir, "tokenizer_config.json"), true))!;
  return makeTokenizer(json, config, jsonFile);
}
