/**
 * What the scheduler hands to a cell's subprocess (`CellSpec`) and what the
 * subprocess hands back (`CellOutcome`). Both are plain JSON.
 *
 * @module
 */
import type { ChatTemplate } from "../engine/chat_template.ts";
import type {
  CellSettings,
  Efficiency,
  ModelInfo,
  Quality,
  SampleRecord,
  SweepPoint,
  TaskInfo,
} from "../core/record.ts";
import type { Target } from "../core/target.ts";

/** Everything one cell needs, serialised to a file for the child process. */
export interface CellSpec {
  /** The cell key. */
  readonly key: string;
  /** Model folder (absolute). */
  readonly modelDir: string;
  /** Model metadata known before loading. */
  readonly model: ModelInfo;
  /** Task id and the folder its module lives in, or null for the sweep. */
  readonly task: { readonly id: string; readonly dir: string; readonly info: TaskInfo } | null;
  /** Folder of the shipped datasets (absolute). */
  readonly datasetsDir: string;
  /** The target. */
  readonly target: Target;
  /** Settings. */
  readonly settings: CellSettings;
  /** Latency pass: how many samples of the split form the fixed subset. */
  readonly latencySamples: number;
  /** Inputs longer than this many tokens are truncated (head + last 16 tokens); see method.md. */
  readonly inputLimit?: number;
  /**
   * Intra-op threads for this run of the cell, overriding the target's (the
   * quality pass runs one-thread workers side by side); not part of the key.
   */
  readonly threads?: number;
  /**
   * Quality-pass batching: `split` (default) sorts the whole split by token
   * length; `window` is the earlier rule (sorted by characters within windows of
   * four batches), kept for `deno task bench eval`. Not part of the key.
   */
  readonly grouping?: "split" | "window";
  /** Bootstrap resamples for quality CIs. */
  readonly bootstrapResamples: number;
  /**
   * Test hook: fault to inject into this cell (`throw` inside generate,
   * `hang`, `crash`, `oom`), set by the `ENCODER_BENCH_FAULTS` variable only.
   */
  readonly fault?: "throw" | "hang" | "crash" | "oom";
  /**
   * The chat template that wraps the task's prompt (a decoder-only instruction model); the
   * sample records keep the rendered prompt as their input.
   */
  readonly chatTemplate?: ChatTemplate;
}

/** What a finished cell reports back to the scheduler. */
export interface CellOutcome {
  /** Model metadata refined by the engine (params, dtype, load time). */
  readonly model: ModelInfo;
  /** Quality results (quality profile). */
  readonly quality: Quality | null;
  /** Efficiency results. */
  readonly efficiency: Efficiency | null;
  /** Sweep points (sweep profile). */
  readonly sweep: SweepPoint[] | null;
  /** Per-sample records (quality profile). */
  readonly samples: SampleRecord[];
}

/** Progress line a child prints on stdout: one JSON object per line. */
export interface ChildProgress {
  /** Always `progress`. */
  readonly event: "progress";
  /** Phase: `load`, `quality`, `warmup`, `latency`, `sweep`. */
  readonly phase: string;
  /** Units done in this phase. */
  readonly done: number;
  /** Units in this phase. */
  readonly total: number;
  /** CPU time the worker process has used so far, in ms (for the load measurement). */
  readonly cpuMs?: number;
}
