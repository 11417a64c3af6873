/**
 * Latency against input length, from the sweep cells: one series per model,
 * target and KV-cache setting, points sorted by input length.
 *
 * @module
 */
import type { Selection } from "./select.ts";

/** One point of a sweep series. */
export interface SweepSeriesPoint {
  /** Input tokens. */
  readonly inputTokens: number;
  /** Output tokens generated. */
  readonly outputTokens: number;
  /** Mean time to first token, ms. */
  readonly ttftMs: number;
  /** Mean time per output token, ms. */
  readonly tpotMs: number;
  /** Mean whole-generation time, ms. */
  readonly totalMs: number;
  /** Mean decode throughput, tokens/s. */
  readonly tokensPerS: number;
}

/** A model's sweep on one target with the cache on or off. */
export interface SweepSeries {
  /** Target id. */
  readonly targetId: string;
  /** Model id. */
  readonly modelId: string;
  /** Model architecture. */
  readonly architecture: string;
  /** KV cache on or off. */
  readonly kvCache: boolean;
  /** Points by increasing input length. */
  readonly points: readonly SweepSeriesPoint[];
  /** The sweep cell's key. */
  readonly cellKey: string;
}

/** Every sweep series, by target, model and cache setting (on first). */
export function sweepSeries(sel: Selection): SweepSeries[] {
  const out: SweepSeries[] = [];
  for (const cell of sel.sweep.values()) {
    for (const kvCache of [true, false]) {
      const points = (cell.sweep ?? [])
        .filter((p) => p.kvCache === kvCache)
        .map((p) => ({
          inputTokens: p.inputTokens,
          outputTokens: p.outputTokens,
          ttftMs: p.ttftMs.mean,
          tpotMs: p.tpotMs.mean,
          totalMs: p.totalMs.mean,
          tokensPerS: p.decodeTokensPerS.mean,
        }))
        .sort((a, b) => a.inputTokens - b.inputTokens);
      if (points.length === 0) continue;
      out.push({
        targetId: cell.target.id,
        modelId: cell.model.id,
        architecture: cell.model.architecture,
        kvCache,
        points,
        cellKey: cell.cellKey,
      });
    }
  }
  out.sort((a, b) =>
    a.targetId.localeCompare(b.targetId) || a.modelId.localeCompare(b.modelId) ||
    Number(b.kvCache) - Number(a.kvCache)
  );
  return out;
}
