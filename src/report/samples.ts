/**
 * Per-sample scores of a cell, looked up by the task's primary metric. A
 * sample's `scores` may key the primary as `metric.key` or as `key` alone.
 *
 * @module
 */
import type { SampleRecord } from "../core/record.ts";

/** The score of one sample under a primary metric key, or undefined. */
export function sampleScore(s: SampleRecord, primary: string): number | undefined {
  const direct = s.scores[primary];
  if (typeof direct === "number") return direct;
  const short = primary.includes(".") ? primary.slice(primary.indexOf(".") + 1) : primary;
  const v = s.scores[short];
  return typeof v === "number" ? v : undefined;
}
