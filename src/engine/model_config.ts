/**
 * What the engine needs from `config.json` and `generation_config.json`:
 * architecture, vocabulary size, special token ids and cache geometry.
 *
 * @module
 */
import { ModelError } from "../core/errors.ts";
import { join } from "node:path";
import { type ModelLayout, resolveLayout } from "./layout.ts";
import { type ModelConfig, parseJsonObject, parseModelConfig } from "./parse_config.ts";

export type { ModelConfig } from "./parse_config.ts";

async function readJson(
  path: string,
  required: boolean,
): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (cause) {
    if (!required && cause instanceof Deno.errors.NotFound) return undefined;
    throw new ModelError("missing file", { file: path, cause });
  }
  return parseJsonObject(text, path);
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
  return parseModelConfig(c, g, file);
}

/** What a model folder is, as the engine will run it: its configuration and its files. */
export interface ModelFolder {
  /** The parsed config.json and generation_config.json. */
  readonly config: ModelConfig;
  /** The ONNX files of the dtype; `layout.architecture` is the architecture the engine runs. */
  readonly layout: ModelLayout;
}

/**
 * Reads a model folder the way `loadModel` does, without creating sessions: the one reader
 * of a model folder, used by discovery and planning too, so the architecture and the
 * positions a plan assumes are the ones the engine runs.
 *
 * @throws {ModelError} missing or invalid config.json, unknown architecture, no ONNX files
 *   for the dtype.
 */
export async function readModelFolder(dir: string, dtype = "fp32"): Promise<ModelFolder> {
  const config = await readModelConfig(dir);
  const layout = await resolveLayout(dir, { dtype, isEncoderDecoder: config.isEncoderDecoder });
  return { config, layout };
}
