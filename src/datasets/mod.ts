/**
 * Datasets: manifests, loaders for shipped JSONL, generic JSONL/CSV, SQuAD
 * JSON, XSum, CodeXGLUE and parquet, datasets pulled from the Hub (`pulled.ts`), and
 * `loadSplit` applying a task's field mapping.
 *
 * @module
 */
export { loadSplit, readFormat } from "./load_split.ts";
export {
  candidateFiles,
  configuredPath,
  type LoadOptions,
  noDataReason,
  resolveSplit,
  type SplitLocation,
} from "./resolve.ts";
export { getPath, mapRows, type RawRow } from "./fields.ts";
export { parseJsonl, readJsonl } from "./loaders/jsonl.ts";
export { parseCsv, readCsv } from "./loaders/csv.ts";
export { parseSquad, readSquad } from "./loaders/squad.ts";
export { parseParallel, readParallel } from "./loaders/codexglue.ts";
export { readShipped } from "./loaders/shipped.ts";
export * from "./manifest.ts";
export {
  normalizeHubRow,
  pullDatasetCommand,
  PULLED_DIR,
  pulledDatasetDir,
  writePulledDataset,
} from "./pulled.ts";
export { readParquetRows } from "./loaders/parquet.ts";
