/**
 * The "Run on this device" page's manifest (`device/manifest.json` of the
 * built site): what the site build ships for the browser to run, and what
 * the page shows beside the visitor's own figures. Types only.
 *
 * @module
 */
import type { LatencyRules, ModelInfo, TaskInfo } from "./record.ts";
import type { Sample } from "./sample.ts";

/** One shipped model the page can run. */
export interface DeviceModel {
  /** Record metadata (sha256 over the model folder, like eval's); `dtype` is the wasm one (q8 where the model has it). */
  readonly info: ModelInfo;
  /** Folder URL relative to the device page, ending in `/`. */
  readonly base: string;
  /** Files served in the folder (relative paths): JSON files, q8 and fp32 ONNX files. */
  readonly files: readonly string[];
  /** Longest input the model was trained on (eval truncates to it), when stated. */
  readonly inputLimit?: number;
  /** Texts of the model's reference.json, for checking tokens against the Deno engine. */
  readonly referenceTexts: readonly string[];
}

/** One task with its fixed sample. */
export interface DeviceTask {
  readonly info: TaskInfo;
  /** The first samples of the eval split (the fixed sample, in split order). */
  readonly samples: readonly Sample[];
}

/** One board figure shown beside the visitor's. */
export interface BoardPoint {
  readonly model: string;
  readonly task: string;
  readonly target: string;
  readonly ttftMs: number | null;
  readonly tpotMs: number | null;
  readonly decodeTokensPerS: number | null;
  /** The weights the board's cell ran (`fp32`, `q8`, ...). */
  readonly dtype: string;
  /** The board's latency cell's output digests (`Efficiency.outputDigests`), when recorded. */
  readonly outputDigests?: readonly string[];
  /**
   * The board's primary quality on the page's fixed sample: the board's stored predictions for
   * those samples, scored again with the task's primary metric (null when the store lacks them).
   * The same for every target of a model and task (the quality pass runs once per model).
   */
  readonly sampleQuality: number | null;
}

/** `device/manifest.json`. */
export interface DeviceManifest {
  /** encoder-bench version recorded in `environment.benchVersion`. */
  readonly benchVersion: string;
  /** onnxruntime-web version. */
  readonly onnxruntimeWeb: string;
  /** Quality sample size, latency subset and rules, bootstrap, seed, batch size. */
  readonly settings: {
    readonly limit: number;
    readonly batchSize: number;
    readonly latencySamples: number;
    readonly latency: LatencyRules;
    readonly bootstrapResamples: number;
    readonly seed: number;
  };
  readonly models: readonly DeviceModel[];
  readonly tasks: readonly DeviceTask[];
  readonly board: readonly BoardPoint[];
}
