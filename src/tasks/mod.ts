/**
 * Tasks: `defineTask`, post-processing, few-shot prompts, rendering, the
 * registry that loads `tasks/*.ts`, and length statistics.
 *
 * @module
 */
export { defineTask, METRIC_KEYS, type TaskInput, validateTask } from "./define_task.ts";
export { applyStep, cutAtStop, postprocess, POSTPROCESS_STEPS } from "./postprocess.ts";
export { buildPrompt, selectDemonstrations } from "./few_shot.ts";
export { type RenderedSample, renderSample } from "./render.ts";
export { isTaskFile, loadRegistry, type TaskRegistry } from "./registry.ts";
export { flag, text, texts } from "./fields.ts";
export {
  type PairLine,
  type PairsSummary,
  renderPairs,
  writePairs,
  type WritePairsOptions,
} from "./pairs.ts";
