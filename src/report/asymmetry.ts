/**
 * Per-task length statistics and asymmetry ratio. The ratio is the mean input
 * length over the mean reference length, in words, from the per-sample
 * records (model-independent); without samples it falls back to the mean
 * input and output token counts recorded by the quality cells.
 *
 * @module
 */
import type { CellRecord, SampleRecord } from "../core/record.ts";
import type { SamplesByCell, TaskInfo } from "./types.ts";

/** Length statistics of one task. */
export interface AsymmetryRow {
  /** Task id. */
  readonly taskId: string;
  /** Asymmetric or symmetric, as the task declares. */
  readonly kind: string;
  /** Long-to-short, short-to-long or balanced, as the task declares. */
  readonly direction: string;
  /** Samples the word statistics come from (0 when none). */
  readonly samples: number;
  /** Mean input words (null without samples). */
  readonly inputWords: number | null;
  /** Median input words. */
  readonly inputWordsP50: number | null;
  /** 90th percentile of input words. */
  readonly inputWordsP90: number | null;
  /** Mean words of the first reference. */
  readonly referenceWords: number | null;
  /** Median reference words. */
  readonly referenceWordsP50: number | null;
  /** Mean input tokens over models (median of the models' means). */
  readonly inputTokens: number | null;
  /** Mean output tokens over models (median of the models' means). */
  readonly outputTokens: number | null;
  /** Input length / output length (words if samples, else tokens). */
  readonly ratio: number | null;
  /** What the ratio is computed from. */
  readonly ratioBasis: "words" | "tokens" | null;
}

function words(text: string): number {
  const t = text.trim();
  return t === "" ? 0 : t.split(/\s+/).length;
}

function quantile(xs: readonly number[], q: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q, lo = Math.floor(pos), hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Asymmetry rows for the tasks of the given quality cells. */
export function asymmetryTable(
  qualityCells: readonly CellRecord[],
  samples: SamplesByCell,
): AsymmetryRow[] {
  const byTask = new Map<string, CellRecord[]>();
  for (const c of qualityCells) {
    if (c.task === null) continue;
    const g = byTask.get(c.task.id) ?? [];
    g.push(c);
    byTask.set(c.task.id, g);
  }
  const out: AsymmetryRow[] = [];
  for (const [taskId, cells] of [...byTask].sort((a, b) => a[0].localeCompare(b[0]))) {
    const info: TaskInfo = cells[0]!.task!;
    // Inputs differ per architecture (prompt vs source); take the largest sample set.
    let chosen: readonly SampleRecord[] = [];
    for (const c of cells) {
      const s = samples.get(c.cellKey);
      if (s !== undefined && s.length > chosen.length) chosen = s;
    }
    const inW = chosen.map((s) => words(s.input));
    const refW = chosen.map((s) => words(s.references[0] ?? ""));
    const tokIn = cells.map((c) => {
      const s = samples.get(c.cellKey);
      if (s !== undefined && s.length > 0) return mean(s.map((x) => x.inputTokens));
      return c.efficiency?.inputTokens.mean ?? null;
    }).filter((x): x is number => x !== null);
    const tokOut = cells.map((c) => {
      const s = samples.get(c.cellKey);
      if (s !== undefined && s.length > 0) return mean(s.map((x) => x.outputTokens));
      return c.efficiency?.outputTokens.mean ?? null;
    }).filter((x): x is number => x !== null);
    const inputWords = mean(inW), referenceWords = mean(refW);
    const inputTokens = quantile(tokIn, 0.5), outputTokens = quantile(tokOut, 0.5);
    let ratio: number | null = null, ratioBasis: AsymmetryRow["ratioBasis"] = null;
    if (inputWords !== null && referenceWords !== null && referenceWords > 0) {
      ratio = inputWords / referenceWords;
      ratioBasis = "words";
    } else if (inputTokens !== null && outputTokens !== null && outputTokens > 0) {
      ratio = inputTokens / outputTokens;
      ratioBasis = "tokens";
    }
    out.push({
      taskId,
      kind: info.kind,
      direction: info.direction,
      samples: chosen.length,
      inputWords,
      inputWordsP50: quantile(inW, 0.5),
      inputWordsP90: quantile(inW, 0.9),
      referenceWords,
      referenceWordsP50: quantile(refW, 0.5),
      inputTokens,
      outputTokens,
      ratio,
      ratioBasis,
    });
  }
  return out;
}
