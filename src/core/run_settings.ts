/**
 * The run settings of `deno task eval` and their defaults (whole test splits;
 * docs/method.md states them and what they mean for the CIs), and the one
 * rule for a quality and a latency cell's settings, shared by eval's plan and
 * the device page.
 *
 * @module
 */
import type { CellSettings, LatencyRules, SweepSettings } from "./record.ts";

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
  /** Sweep repetition rules. */
  readonly sweepRules: LatencyRules;
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
