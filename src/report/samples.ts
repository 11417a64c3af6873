/**
 * Per-sample scores of a cell, looked up by the task's primary metric. A
 * sample's `scores` may key the primary as `metric.key` or as `key` alone.
 *
 * @module
 */
import type { SampleRecord } from "../core/record.ts";
import type { SamplesByCell } from "./types.ts";

/** The score of one sample under a primary metric key, or undefined. */
export function sampleScore(s: SampleRecord, primary: string): number | undefined {
  const direct = s.scores[primary];
  if (typeof direct === "number") return direct;
  const short = primary.includes(".") ? primary.slice(primary.indexOf(".") + 1) : primary;
  const v = s.scores[short];
  return typeof v === "number" ? v : undefined;
}

/**
 * Paired per-sample scores of two cells on the samples both scored, in sample
 * id order; null when fewer than `minPairs` pairs exist.
 */
export function pairedScores(
  samples: SamplesByCell,
  cells: { a: string; b: string; primary: string; minPairs?: number },
): { a: number[]; b: number[] } | null {
  const sa = samples.get(cells.a), sb = samples.get(cells.b);
  if (sa === undefined || sb === undefined) return null;
  const byId = new Map<string, number>();
  for (const s of sb) {
    const v = sampleScore(s, cells.primary);
    if (v !== undefined) byId.set(s.sampleId, v);
  }
  const pairs: [string, number, number][] = [];
  for (const s of sa) {
    const va = sampleScore(s, cells.primary), vb = byId.get(s.sampleId);
    if (va !== undefined && vb !== undefined) pairs.push([s.sampleId, va, vb]);
  }
  if (pairs.length < (cells.minPairs ?? 10)) return null;
  pairs.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  return { a: pairs.map((p) => p[1]), b: pairs.map((p) => p[2]) };
}
