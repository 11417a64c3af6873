/**
 * Loads a model folder's tokenizer (`tokenizer.json` + `tokenizer_config.json`).
 *
 * @module
 */
import { join } from "node:path";
import { readJson } from "./model_config.ts";
import { makeTokenizer, type TextTokenizer } from "./text_tokenizer.ts";

export type { TextTokenizer } from "./text_tokenizer.ts";

/**
 * Loads the tokenizer of a model folder.
 *
 * @throws {ModelError} a file is missing, is not JSON, or the tokenizer cannot be built.
 */
export async function loadTokenizer(dir: string): Promise<TextTokenizer> {
  const jsonFile = join(dir, "tokenizer.json");
  const json = (await readJson(jsonFile, true))!;
  const config = (await readJson(join(dir, "tokenizer_config.json"), true))!;
  return makeTokenizer(json, config, jsonFile);
}
