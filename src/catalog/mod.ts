/**
 * The model catalog: which models there are and what each is, read from
 * model folders (Hugging Face Optimum ONNX layout, optional `card.json`)
 * through the engine's folder reader. The scheduler plans from it, `deno
 * task list` shows it and the site's device page copies its models; model
 * sources other than local folders join it here.
 *
 * @module
 */
export { discoverModels, type ModelEntry, readModelEntry, splitName } from "./models.ts";
