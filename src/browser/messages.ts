/**
 * Messages between the device page and its worker.
 *
 * @module
 */
import type { CellRecord, SampleRecord } from "../core/record.ts";
import type { DeviceMeasure } from "./device_cells.ts";

/** Page to worker. */
export type ToWorker =
  | {
    readonly type: "run";
    readonly models: readonly string[];
    readonly tasks: readonly string[];
    readonly backend: "wasm" | "webgpu";
    /** The quality pass, the latency pass, or both. */
    readonly measure: DeviceMeasure;
  }
  | {
    readonly type: "tokens";
    readonly model: string;
    readonly backend: "wasm" | "webgpu";
    readonly maxNewTokens: number;
    /** How many of the model's reference texts (from the first). */
    readonly count: number;
  };

/** Worker to page. */
export type FromWorker =
  | {
    /** Sent once the worker has set up onnxruntime-web: what it will run with. */
    readonly type: "ready";
    readonly crossOriginIsolated: boolean;
    /** wasm threads (1 unless the page is cross-origin isolated). */
    readonly wasmThreads: number;
    /** Whether the worker found a WebGPU adapter. */
    readonly webgpu: boolean;
  }
  | {
    readonly type: "progress";
    readonly label: string;
    readonly phase: string;
    readonly done: number;
    readonly total: number;
    readonly cell: number;
    readonly cells: number;
  }
  | {
    readonly type: "cell";
    readonly record: CellRecord;
    readonly samples: readonly SampleRecord[];
  }
  | { readonly type: "done"; readonly runId: string }
  | {
    readonly type: "tokens";
    readonly model: string;
    readonly backend: "wasm" | "webgpu";
    readonly tokens: number[][];
  }
  | { readonly type: "error"; readonly message: string };
