/**
 * The model catalog: which models there are and what each is, read from
 * model folders (Hugging Face Optimum ONNX layout, optional `card.json`)
 * through the engine's folder reader. The scheduler plans from it, `deno
 * task list` shows it and the site's device page copies its models. Hub models
 * (`ORG/NAME[@REV]`, pulled into the Hub cache) join it through `readHubModels`.
 *
 * @module
 */
export { discoverModels, type ModelEntry, readModelEntry, splitName } from "./models.ts";
export { type HubModelOptions, isHubModelSpec, readHubModels } from "./hub_models.ts";
