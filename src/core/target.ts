/** Hardware targets: an execution provider with its settings. @module */

/** Device class of a target. */
export type DeviceClass = "cpu" | "gpu" | "npu";

/** One ONNX Runtime execution provider with its options. */
export interface ProviderSpec {
  /** Provider name as onnxruntime-node spells it: `cpu`, `cuda`, `coreml`, `dml`, `webgpu`, `qnn`. */
  readonly name: string;
  /** Provider options. */
  readonly options?: Readonly<Record<string, string | number | boolean>>;
}

/** Session options of a target. */
export interface SessionSettings {
  /** Intra-op threads; 0 means all cores. */
  readonly intraOpNumThreads?: number;
  /** Inter-op threads. */
  readonly interOpNumThreads?: number;
  /** Graph optimisation level. */
  readonly graphOptimizationLevel?: "disabled" | "basic" | "extended" | "all";
  /** Whether the CPU memory arena is enabled. */
  readonly enableCpuMemArena?: boolean;
  /** Sequential or parallel execution. */
  readonly executionMode?: "sequential" | "parallel";
}

/** A hardware target. */
export interface Target {
  /** Unique id, e.g. `cpu`, `cpu-1t`, `cuda`. */
  readonly id: string;
  /** Human label. */
  readonly label: string;
  /** Device class. */
  readonly device: DeviceClass;
  /** Execution providers in priority order. */
  readonly providers: readonly ProviderSpec[];
  /** Session options. */
  readonly session: SessionSettings;
}

/** The browser a device-page record ran in. */
export interface BrowserInfo {
  readonly userAgent: string;
  /** Whether the page was cross-origin isolated (multi-threaded wasm needs it). */
  readonly crossOriginIsolated: boolean;
  /** Threads of the wasm backend. */
  readonly wasmThreads: number;
  /** WebGPU adapter info, when the browser has an adapter. */
  readonly gpu?: {
    readonly vendor: string;
    readonly architecture: string;
    readonly device: string;
    readonly description: string;
  };
}

/** The machine a measurement was made on. */
export interface Environment {
  /** Host name (may be redacted). */
  readonly hostname: string;
  /** CPU model string. */
  readonly cpu: string;
  /** Logical cores. */
  readonly cores: number;
  /** Total RAM in GiB. */
  readonly ramGiB: number;
  /** OS and kernel, e.g. `linux 6.1.0 x86_64`. */
  readonly os: string;
  /** Deno version. */
  readonly deno: string;
  /** V8 version. */
  readonly v8: string;
  /** onnxruntime-node version. */
  readonly onnxruntime: string;
  /** encoder-bench version. */
  readonly benchVersion: string;
  /** Git commit of encoder-bench, if known. */
  readonly gitCommit?: string;
  /** What a browser tells of itself (records of the device page only). */
  readonly browser?: BrowserInfo;
}

/**
 * The machine an environment describes, as hardware identities use it: CPU
 * model and logical cores (`AMD EPYC:2`).
 */
export function machineId(env: Pick<Environment, "cpu" | "cores">): string {
  return `${env.cpu}:${env.cores}`;
}

/**
 * The hardware a target's timings belong to, as cell keys record it: the
 * target's device class on this machine (`cpu:AMD EPYC:2`).
 */
export function hardwareId(
  target: Pick<Target, "device">,
  env: Pick<Environment, "cpu" | "cores">,
): string {
  return `${target.device}:${machineId(env)}`;
}
