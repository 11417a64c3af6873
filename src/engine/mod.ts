/**
 * The generation engine: loads encoder-decoder and decoder-only models in the
 * Hugging Face Optimum ONNX layout and generates with ONNX Runtime, timing
 * every request. Knows nothing of tasks or metrics.
 *
 * @example
 * ```ts ignore
 * import { loadModel } from "./mod.ts";
 * import { builtinTargets } from "../targets/mod.ts";
 * const model = await loadModel("models/eb-ed23-base", { target: builtinTargets()[0]! });
 * const [r] = await model.generate([{ text: "Hello" }], { maxNewTokens: 16 });
 * console.log(r?.text, r?.timings.ttftMs);
 * await model.dispose();
 * ```
 *
 * @module
 */
export { loadModel } from "./load_model.ts";
export type {
  Decoding,
  GenerateOptions,
  GenerateRequest,
  GenerateResult,
  GenerateTimings,
  LoadedModel,
  LoadedModelInfo,
  LoadOptions,
} from "./types.ts";
export { DTYPE_SUFFIX } from "./layout.ts";
export { type ChatTemplate, renderChat } from "./chat_template.ts";
export { readChatTemplate } from "./chat_template_file.ts";
export {
  builtinTargets,
  environment,
  findTarget,
  loadTargetsFile,
  peakRssMiB,
  probeTargets,
} from "../targets/mod.ts";
