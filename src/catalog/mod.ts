/**
 * The model catalog: which models there are and what each is, read from
 * model folders (Hugging Face Optimum ONNX layout, optional `card.json`)
 * through the engine's folder reader. The scheduler plans from it, `deno
 * task list` shows it and the site's device page copies its models. Hub models
 * (`ORG/NAME[@REV]`, pulled into the Hub cache) join it through `readHubModels`. The shape
 * catalog (`models/shapes.json`: random-weight models of real architectures, built into
 * `models/shapes/<id>/`, timed and never scored) is read here too.
 *
 * @module
 */
export { discoverModels, type ModelEntry, readModelEntry, splitName } from "./models.ts";
export {
  DEFAULT_SHAPE_CATALOG,
  findShape,
  loadShapeCatalog,
  type ShapeCatalog,
  type ShapeEntry,
  type ShapeMirror,
} from "./shapes.ts";
export {
  buildInPlace,
  type BuildOutcome,
  buildShape,
  folderBytes,
  readStamp,
  runBuilder,
  SHAPE_DTYPES,
  shapeDir,
  type ShapeDtype,
  shapeKey,
  type ShapeStamp,
  shapeStatus,
  STAMP_FILE,
} from "./shape_builds.ts";
export { type HubModelOptions, isHubModelSpec, readHubModels } from "./hub_models.ts";
