/**
 * The results record: one line of a run's JSONL file per cell. Field order is
 * part of the format; the schema version is in `schema`. The JSON Schema for it
 * is `leaderboard/results/schema.json`.
 *
 * @module
 */
import type { DeviceClass, Environment, ProviderSpec, SessionSettings } from "./target.ts";
import type { TaskDirection, TaskKind } from "./task.ts";

/** Current schema id of cell records. */
export const CELL_SCHEMA = "encoder-bench/cell@1" as const;
/** Current schema id of per-sample records. */
export const SAMPLE_SCHEMA = "encoder-bench/sample@1" as const;

/** Summary statistics of a repeated measurement. */
export interface Stat {
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly stdev: number;
  readonly min: number;
  readonly max: number;
  readonly n: number;
}

/** Architecture of a model. */
export type Architecture = "encoder-decoder" | "decoder-only";

/** A model's role (see {@linkcode ModelInfo.role}). */
export type ModelRole = "teacher" | "student" | "external" | "reference" | "shape";

/** What a record says about the model. */
export interface ModelInfo {
  readonly id: string;
  readonly architecture: Architecture;
  /** `config.json` model_type, e.g. `llama`, `t5`, `encdec_rope`. */
  readonly modelType: string;
  /** Encoder share of layers for encoder-decoder models, e.g. `2/3-1/3`. */
  readonly split?: string;
  /** True for knowledge-distilled students. */
  readonly distilled: boolean;
  /** Teacher model id for distilled students. */
  readonly teacher?: string;
  /**
   * Role in the zoo: `teacher`, `student`, or `external`; `reference` marks a
   * built-in reference system (`ref-copy`, `ref-unanswerable`, `ref-lead`:
   * trivial answers, shown beside the models but never ranked among them);
   * `shape` a random-weight model of a real architecture (`models/shapes.json`),
   * timed only: its records have efficiency and never quality.
   */
  readonly role: ModelRole;
  readonly params: {
    readonly total: number;
    readonly encoder?: number;
    readonly decoder?: number;
    readonly embeddings?: number;
  };
  /** Weight dtype variant: `fp32`, `q8`, `fp16`. */
  readonly dtype: string;
  /** Bytes of the ONNX files on disk. */
  readonly bytes: number;
  /** sha256 over the sorted (path, sha256) list of the model's files. */
  readonly sha256: string;
}

/** What a record says about the task. */
export interface TaskInfo {
  readonly id: string;
  readonly version: number;
  readonly family: string;
  readonly kind: TaskKind;
  readonly direction: TaskDirection;
  readonly split: string;
  readonly datasetSha256: string;
}

/** What a record says about the target. */
export interface TargetInfo {
  readonly id: string;
  readonly label: string;
  readonly device: DeviceClass;
  readonly providers: readonly ProviderSpec[];
  readonly session: SessionSettings;
}

/** Generation and run settings of a cell. */
export interface CellSettings {
  /**
   * `quality`, `latency` and `sweep` cells of eval's `--profile`; `shape` a fixed-length
   * timing cell of a shape (`--shapes`): `inputTokens` random token ids in, exactly
   * `maxNewTokens` out, `batchSize` rows, the cache as `kvCache` says.
   */
  readonly profile: "quality" | "latency" | "sweep" | "shape";
  readonly batchSize: number;
  readonly maxNewTokens: number;
  readonly limit: number | null;
  readonly kvCache: boolean;
  readonly decoding: "greedy" | "sample";
  readonly seed: number;
  /** Repetition rules of the latency, sweep and shape passes (absent for quality cells). */
  readonly latency?: LatencyRules;
  /** Input/output lengths and cache modes of the sweep profile (sweep cells only). */
  readonly sweep?: SweepSettings;
  /** Shape cells: the length of the random token-id input. */
  readonly inputTokens?: number;
}

/** Warm-up and repetition rules of a timed pass (see docs/method.md). */
export interface LatencyRules {
  /** Untimed runs before measuring. */
  readonly warmupRuns: number;
  /** Minimum number of timed runs. */
  readonly minRuns: number;
  /** Minimum total timed duration in seconds; runs repeat until both minimums are met. */
  readonly minDurationS: number;
}

/** The grid of the input-length sweep. */
export interface SweepSettings {
  /** Requested input lengths in tokens (lengths above the model's maximum are skipped). */
  readonly inputLengths: readonly number[];
  /** Forced output lengths in tokens (EOS ignored). */
  readonly outputLengths: readonly number[];
  /** Cache modes measured: `true` = KV cache on. */
  readonly kvCache: readonly boolean[];
}

/** A corpus metric value with its 95% bootstrap CI. */
export interface MetricValue {
  readonly value: number;
  readonly ciLow: number;
  readonly ciHigh: number;
  readonly higherIsBetter: boolean;
}

/** Quality results of a cell. */
export interface Quality {
  /** Primary metric key, e.g. `rouge.rougeL`. */
  readonly primary: string;
  /** Every metric key (`metric.key`) with its value and CI. */
  readonly metrics: Readonly<Record<string, MetricValue>>;
  /** Number of samples scored. */
  readonly n: number;
  /** Bootstrap resamples and seed used for the CIs. */
  readonly bootstrap: { readonly resamples: number; readonly seed: number };
  /** Metric signatures, by metric name. */
  readonly signatures: Readonly<Record<string, string>>;
}

/** Efficiency results of a cell (batch 1 latency pass or quality-pass throughput). */
export interface Efficiency {
  readonly ttftMs: Stat;
  readonly encoderMs: Stat;
  readonly tpotMs: Stat;
  readonly decodeTokensPerS: Stat;
  readonly totalMs: Stat;
  readonly inputTokens: Stat;
  readonly outputTokens: Stat;
  readonly loadMs: number;
  /**
   * Peak resident memory of the cell process, MiB; null where the target cannot
   * read its process memory (the browser targets).
   */
  readonly peakRssMiB: number | null;
  readonly warmupRuns: number;
  /** Examples per second over the whole quality pass, at its batch size. */
  readonly examplesPerS?: number;
  /**
   * Generated tokens per second over the whole quality pass, at its batch size; shape cells:
   * over the timed runs, every row of a batch counted.
   */
  readonly generatedTokensPerS?: number;
  /** The load the cell ran under (absent in records written before it was measured). */
  readonly load?: MeasuredLoad;
  /**
   * Whether these timings may be compared with other cells': false for the
   * quality pass (batched, possibly beside other workers) and for a latency
   * cell measured under contention.
   */
  readonly forComparison?: boolean;
  /** Energy over the timed runs of the latency pass (absent on other cells). */
  readonly energy?: Energy;
  /**
   * Latency cells: hex sha256 of each latency sample's greedy token ids (its
   * first timed run, ids joined by commas), in sample order. Equal digests
   * mean the same tokens: across runs of a cell (compare) and across targets
   * running the same model files (the report's output agreement). Absent in
   * records written before it was recorded.
   */
  readonly outputDigests?: readonly string[];
}

/** The load a cell was measured under (`src/scheduler/load.ts`). */
export interface MeasuredLoad {
  /** The larger of the 1-minute load averages at the cell's start and end. */
  readonly loadAvg1: number;
  /** The most other evals seen running on the machine during the cell. */
  readonly otherEvals: number;
  /** Other processes' average CPU use during the cell, in cores; null where unknown. */
  readonly otherCpuCores: number | null;
  /** Whether the cell was measured under contention. */
  readonly contended: boolean;
}

/**
 * Energy measured over the timed runs: `rapl` (Linux RAPL counters) or `none`
 * (no counter here: both numbers null; an estimate is never recorded).
 */
export interface Energy {
  readonly method: "rapl" | "none";
  /** Joules over the timed runs. */
  readonly joules: number | null;
  /** Joules per generated token over the timed runs. */
  readonly joulesPerToken: number | null;
}

/** One point of the input-length sweep. */
export interface SweepPoint {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly kvCache: boolean;
  readonly ttftMs: Stat;
  readonly tpotMs: Stat;
  readonly decodeTokensPerS: Stat;
  readonly totalMs: Stat;
}

/** Status of a cell. */
export type CellStatus = "ok" | "failed" | "timeout";

/** Why a cell failed. */
export interface CellError {
  readonly reason: "crash" | "timeout" | "oom" | "error";
  readonly message: string;
  readonly stderrTail: string;
  readonly attempts: number;
}

/** One cell's result: one line of `leaderboard/results/<run>.jsonl`. */
export interface CellRecord {
  readonly schema: typeof CELL_SCHEMA;
  readonly runId: string;
  readonly cellKey: string;
  readonly status: CellStatus;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationS: number;
  readonly model: ModelInfo;
  readonly task: TaskInfo | null;
  readonly target: TargetInfo;
  readonly settings: CellSettings;
  readonly quality: Quality | null;
  readonly efficiency: Efficiency | null;
  readonly sweep: readonly SweepPoint[] | null;
  readonly environment: Environment;
  readonly error: CellError | null;
}

/** One scored sample: one line of `leaderboard/results/<run>.samples.jsonl`. */
export interface SampleRecord {
  readonly schema: typeof SAMPLE_SCHEMA;
  readonly cellKey: string;
  readonly sampleId: string;
  /** sha256 of the rendered model input. */
  readonly inputSha256: string;
  readonly input: string;
  readonly references: readonly string[];
  readonly prediction: string;
  readonly scores: Readonly<Record<string, number>>;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** The generation before post-processing, when it differs from `prediction`. */
  readonly rawPrediction?: string;
  /** Why generation stopped. */
  readonly finishReason?: "eos" | "stop" | "length";
}
