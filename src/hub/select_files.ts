/**
 * Which files of a model repository the engine needs for one dtype: the configuration
 * (`config.json`, `generation_config.json`), the tokenizer files at the root, and the ONNX
 * files of that dtype's layout (the engine's own rule, `pickLayout`) with their external data
 * (`<file>.onnx_data`, `<file>.onnx_data_1`, ...). Pure: the file list is the repository's
 * (a pull) or a snapshot's (the cache).
 *
 * @module
 */
import { HubError, ModelError } from "../core/errors.ts";
import { onnxFileMap, pickLayout } from "../engine/pick_layout.ts";
import { parseJsonObject, parseModelConfig } from "../engine/parse_config.ts";

/** The model configuration, which must exist. */
export const CONFIG_FILE = "config.json";

/** Root files taken when the repository has them: generation settings and tokenizer files. */
export const ROOT_FILES: readonly string[] = [
  "generation_config.json",
  "tokenizer.json",
  "tokenizer_config.json",
  "special_tokens_map.json",
  "added_tokens.json",
  "vocab.json",
  "vocab.txt",
  "merges.txt",
  "spiece.model",
  "sentencepiece.bpe.model",
  "tokenizer.model",
  "chat_template.jinja",
  "chat_template.json",
];

/** The external data files of an ONNX file among `paths`. */
function externalData(onnx: string, paths: readonly string[]): string[] {
  return paths.filter((p) =>
    p === `${onnx}_data` || p.startsWith(`${onnx}_data_`) || p === `${onnx}.data`
  );
}

/**
 * The files to fetch or read for `dtype`, sorted, from a repository's file paths and the
 * text of its `config.json`; `where` names the repository in errors.
 *
 * @throws {HubError} an unknown dtype, or a layout file missing for it (naming the file and
 *   the dtypes present); an unreadable `config.json`.
 */
export function selectModelFiles(
  paths: readonly string[],
  configText: string,
  dtype: string,
  where: string,
): string[] {
  let isEncoderDecoder: boolean;
  try {
    isEncoderDecoder = parseModelConfig(parseJsonObject(configText, CONFIG_FILE), {}, CONFIG_FILE)
      .isEncoderDecoder;
  } catch (cause) {
    if (cause instanceof ModelError) throw new HubError(`${where}: ${cause.message}`, { cause });
    throw cause;
  }
  let onnx: string[];
  try {
    const layout = pickLayout(onnxFileMap(paths), {
      dtype,
      isEncoderDecoder,
      dir: where,
      onnxDir: `${where}/onnx`,
    });
    onnx = [layout.encoder, layout.decoder, layout.decoderWithPast].filter((p) => p !== undefined);
  } catch (cause) {
    if (cause instanceof ModelError) throw new HubError(cause.message, { cause });
    throw cause;
  }
  const have = new Set(paths);
  const chosen = new Set([CONFIG_FILE, ...ROOT_FILES.filter((f) => have.has(f))]);
  for (const file of onnx) {
    chosen.add(file);
    for (const data of externalData(file, paths)) chosen.add(data);
  }
  return [...chosen].sort();
}
