/**
 * Types of the report: the tables the leaderboard shows, computed from cell
 * records by the pure reductions of this folder.
 *
 * @module
 */
import type {
  CellRecord,
  MetricValue,
  ModelInfo,
  SampleRecord,
  Stat,
  TargetInfo,
  TaskInfo,
} from "../core/record.ts";
import type { Environment } from "../core/target.ts";

export type {
  CellRecord,
  Environment,
  MetricValue,
  ModelInfo,
  SampleRecord,
  Stat,
  TargetInfo,
  TaskInfo,
};

/** A point estimate with a 95% interval, all on the same scale. */
export interface Interval {
  /** Point estimate. */
  readonly value: number;
  /** Lower bound of the 95% interval. */
  readonly low: number;
  /** Upper bound of the 95% interval. */
  readonly high: number;
}

/** A rank that may be shared with statistically tied models. */
export interface Rank {
  /** 1 + the number of models that are significantly better. */
  readonly rank: number;
  /** True when another model has the same rank. */
  readonly tied: boolean;
  /** Display label: `"2"`, or `"=2"` when tied. */
  readonly label: string;
}

/** How ranks were decided. */
export type TieMethod = "paired-bootstrap" | "ci-overlap";

/** A model's primary score on one task. */
export interface TaskScore {
  /** Task id. */
  readonly taskId: string;
  /** Primary metric key, e.g. `rouge.rougeL`. */
  readonly metric: string;
  /** The metric as recorded (its own scale). */
  readonly raw: MetricValue;
  /** The metric normalised to 0-100, higher is better kept as recorded. */
  readonly norm: Interval;
  /** Samples scored. */
  readonly n: number;
  /** Cell key of the quality cell. */
  readonly cellKey: string;
  /** Run the cell belongs to. */
  readonly runId: string;
  /** Per-task rank among models (ties shown). */
  readonly rank: Rank | null;
  /**
   * The model against the best reference system on this task (paired test,
   * or interval overlap without per-sample records); null for references
   * and tasks without one.
   */
  readonly vsReference?: ReferenceComparison | null;
}

/** A model's score against the best reference system of a task. */
export interface ReferenceComparison {
  /** Reference system id, e.g. `ref-copy`. */
  readonly referenceId: string;
  /** The reference's normalised score. */
  readonly reference: Interval;
  /** `above`/`below`: significantly better/worse than the reference; `tie` otherwise. */
  readonly verdict: "above" | "below" | "tie";
}

/**
 * A reference system's row (`ref-copy`, `ref-unanswerable`, `ref-lead`):
 * scored like a model on the same samples, drawn as a horizontal line on
 * quality charts, never ranked and never in {@link LeaderboardRow}s.
 */
export interface ReferenceRow {
  /** Always true: the flag that marks a reference system. */
  readonly reference: true;
  /** The pseudo-model (`role` is `reference`). */
  readonly model: ModelInfo;
  /** Primary score per task id it answers (rank always null). */
  readonly scores: Readonly<Record<string, TaskScore>>;
}

/** A model's efficiency on one target (batch-1 latency pass). */
export interface TargetEfficiency {
  /** Target id. */
  readonly targetId: string;
  /** Time to first token, ms. */
  readonly ttftMs: Stat;
  /** Time per output token, ms. */
  readonly tpotMs: Stat;
  /** Decode throughput, tokens/s. */
  readonly tokensPerS: Stat;
  /** Peak resident memory, MiB; null where no cell could measure it (browser targets). */
  readonly peakRssMiB: number | null;
  /** Cell keys the numbers come from. */
  readonly cellKeys: readonly string[];
  /** Run of the newest cell. */
  readonly runId: string;
}

/** A latency cell's greedy tokens against the reference target's on the same work. */
export interface OutputAgreement {
  readonly modelId: string;
  readonly taskId: string;
  readonly targetId: string;
  readonly cellKey: string;
  /** The target whose tokens are the reference (`cpu`). */
  readonly referenceTargetId: string;
  readonly referenceCellKey: string;
  /** Latency samples with the same greedy tokens, of the `of` both cells recorded. */
  readonly matched: number;
  readonly of: number;
}

/** One row of the overview table. */
export interface LeaderboardRow {
  /** The model, as its newest record describes it. */
  readonly model: ModelInfo;
  /** Primary score per task id. */
  readonly scores: Readonly<Record<string, TaskScore>>;
  /** Average of the normalised primary scores (null unless every task is scored). */
  readonly average: Interval | null;
  /** Rank on the average, ties shown. */
  readonly rank: Rank | null;
  /** Efficiency per target id. */
  readonly efficiency: Readonly<Record<string, TargetEfficiency>>;
}

/** A task as the leaderboard describes it. */
export interface TaskSummary {
  /** Task metadata from the newest record. */
  readonly info: TaskInfo;
  /** Primary metric key. */
  readonly primary: string;
  /** Whether the primary metric is higher-is-better. */
  readonly higherIsBetter: boolean;
  /** How ties were decided for this task's ranking. */
  readonly tieMethod: TieMethod;
}

/** A target as the leaderboard describes it. */
export interface TargetSummary {
  /** Target metadata from the newest record. */
  readonly info: TargetInfo;
  /** Environment of the newest record on this target. */
  readonly environment: Environment;
  /** Runs that measured on this target, oldest first. */
  readonly runs: readonly string[];
}

/** A run of the results store. */
export interface RunSummary {
  /** Run id. */
  readonly runId: string;
  /** Earliest cell start. */
  readonly startedAt: string;
  /** Latest cell finish. */
  readonly finishedAt: string;
  /** Cells by status. */
  readonly ok: number;
  /** Failed or timed-out cells. */
  readonly failed: number;
}

/** A cell with its place in the grid, for cell pages. */
export interface CellIndexEntry {
  /** Cell key. */
  readonly cellKey: string;
  /** Run id. */
  readonly runId: string;
  /** Model id. */
  readonly modelId: string;
  /** Task id, if any. */
  readonly taskId: string | null;
  /** Target id. */
  readonly targetId: string;
  /** Profile. */
  readonly profile: string;
  /** Status. */
  readonly status: string;
}

/** A cell that failed or timed out: its index entry and what went wrong. */
export interface Failure extends CellIndexEntry {
  /** Error message. */
  readonly message: string;
}

/** Per-sample records of one cell, as the instance viewer needs them. */
export type SamplesByCell = ReadonlyMap<string, readonly SampleRecord[]>;
