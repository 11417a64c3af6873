/**
 * Tasks: `defineTask`, post-processing, few-shot prompts, rendering, the
 * registry that loads `tasks/*.ts`, and length statistics. Kept light, as
 * every task module imports it: the pairs writer (`./pairs.ts`) and the
 * tokenizer-backed counter (`./token_counter.ts`) are imported directly.
 *
 * @module
 */
export { defineTask, type TaskInput, validateTask } from "./define_task.ts";
export { applyStep, cutAtStop, postprocess, POSTPROCESS_STEPS } from "./postprocess.ts";
export { buildPrompt, selectDemonstrations } from "./few_shot.ts";
export { type RenderedSample, renderSample } from "./render.ts";
export { isTaskFile, loadRegistry, type TaskRegistry } from "./registry.ts";
export { flag, text, texts } from "./fields.ts";
export {
  bareInput,
  firstSentence,
  isReferenceId,
  REFERENCE_SYSTEMS,
  REFERENCE_VERSION,
  referenceApplies,
  type ReferenceId,
  referencePrediction,
} from "./references.ts";
export {
  charLength,
  type LengthStats,
  lengthStats,
  type LengthSummary,
  summarizeLengths,
  whitespaceTokens,
} from "./stats.ts";
