/**
 * The run settings of `deno task eval` and their defaults (whole test splits;
 * docs/method.md states them and what they mean for the CIs), and the one
 * rule for a quality and a latency cell's settings, shared by eval's plan and
 * the device page.
 *
 * @module
 */
import type { CellSettings, LatencyRules, SweepSettings } from "./record.ts";

/** The settings eval times each shape at: every combination is one shape cell. */
export interface ShapeGrid {
  /** Lengths of the random token-id input. */
  readonly inputTokens: readonly number[];
  /** New tokens decoded, exactly (EOS does not stop a row). */
  readonly newTokens: readonly number[];
  /** Cache modes: `true` = KV cache on; off recomputes the whole prefix every step. */
  readonly kvCache: readonly boolean[];
  /** Rows per batch (each row the same input). */
  readonly batchSize: readonly number[];
}

/** One point of a {@linkcode ShapeGrid}: the settings of one shape cell. */
export interface ShapePoint {
  readonly inputTokens: number;
  readonly newTokens: number;
  readonly kvCache: boolean;
  readonly batchSize: number;
}

/** The full sweep of `eval --shape-sweep` (issue 39's grid, for machines with time). */
export const SHAPE_SWEEP: ShapeGrid = {
  inputTokens: [64, 128, 256, 512, 1024],
  newTokens: [32, 128],
  kvCache: [true, false],
  batchSize: [1, 8],
};

/** The points of a grid, batch size outermost, then cache, input length and new tokens. */
export function shapePoints(grid: ShapeGrid): ShapePoint[] {
  return grid.batchSize.flatMap((batchSize) =>
    grid.kvCache.flatMap((kvCache) =>
      grid.inputTokens.flatMap((inputTokens) =>
        grid.newTokens.map((newTokens) => ({ inputTokens, newTokens, kvCache, batchSize }))
      )
    )
  );
}

/** Run settings shared by every cell of a plan. */
export interface RunSettings {
  /** Quality pass: samples scored per (model, task); null = the whole split. */
  readonly limit: number | null;
  /** Quality pass batch size. */
  readonly batchSize: number;
  /** Latency pass: size of the fixed subset (the first N samples of the split). */
  readonly latencySamples: number;
  /** Latency pass repetition rules. */
  readonly latency: LatencyRules;
  /** Sweep grid. */
  readonly sweep: SweepSettings;
  /** Sweep repetition rules (the shape cells' too: both time fixed-length runs). */
  readonly sweepRules: LatencyRules;
  /** The grid of shape cells (`eval --shapes`). */
  readonly shapes: ShapeGrid;
  /** Bootstrap resamples of the quality CIs. */
  readonly bootstrapResamples: number;
  /** Seed of sampling and bootstrap. */
  readonly seed: number;
}

/** The defaults (see docs/method.md, "Default limits"). */
export const DEFAULT_SETTINGS: RunSettings = {
  limit: null,
  batchSize: 16,
  latencySamples: 3,
  latency: { warmupRuns: 1, minRuns: 4, minDurationS: 0.25 },
  sweep: {
    inputLengths: [64, 128, 256, 512, 1024, 2048],
    outputLengths: [32],
    kvCache: [true, false],
  },
  sweepRules: { warmupRuns: 1, minRuns: 3, minDurationS: 0.2 },
  shapes: { inputTokens: [64, 256], newTokens: [32], kvCache: [true], batchSize: [1] },
  bootstrapResamples: 1000,
  seed: 0,
};

/**
 * A task's quality-cell settings: the one rule for eval's plan and the device page. The
 * field order is part of the cell key's hash input, so it stays fixed here.
 */
export function qualityCellSettings(
  s: Pick<RunSettings, "batchSize" | "limit" | "seed">,
  maxNewTokens: number,
): CellSettings {
  return {
    profile: "quality",
    batchSize: s.batchSize,
    maxNewTokens,
    limit: s.limit,
    kvCache: true,
    decoding: "greedy",
    seed: s.seed,
  };
}

/** A task's latency-cell settings on one target (batch 1, the fixed latency subset). */
export function latencyCellSettings(
  s: Pick<RunSettings, "latencySamples" | "latency" | "seed">,
  maxNewTokens: number,
): CellSettings {
  return {
    profile: "latency",
    batchSize: 1,
    maxNewTokens,
    limit: s.latencySamples,
    kvCache: true,
    decoding: "greedy",
    seed: s.seed,
    latency: s.latency,
  };
}

/**
 * A shape cell's settings: one point of the grid, greedy, timed by the sweep's repetition rules
 * (warm-up, then at least three timed runs). Input length, new tokens, cache and batch size are
 * all in the settings, so each is part of the cell key.
 */
export function shapeCellSettings(
  s: Pick<RunSettings, "sweepRules" | "seed">,
  point: ShapePoint,
): CellSettings {
  return {
    profile: "shape",
    batchSize: point.batchSize,
    maxNewTokens: point.newTokens,
    limit: null,
    kvCache: point.kvCache,
    decoding: "greedy",
    seed: s.seed,
    latency: s.sweepRules,
    inputTokens: point.inputTokens,
  };
}
