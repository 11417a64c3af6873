/**
 * Where the architecture matters: per task, the encoder-decoder baseline
 * (the 2/3-1/3 split when present, as in the paper) minus the decoder-only
 * baseline, in normalised points with intervals combined in quadrature. Read
 * beside each task's kind and asymmetry ratio, it answers "on which kind of
 * task" the encoder pays off.
 *
 * @module
 */
import type { Interval, LeaderboardRow, TaskSummary } from "./types.ts";

/** One task's architecture gap. */
export interface TaskGap {
  /** Task id. */
  readonly taskId: string;
  /** Asymmetric or symmetric. */
  readonly kind: string;
  /** Encoder-decoder model compared. */
  readonly encDec: string;
  /** Decoder-only model compared. */
  readonly decOnly: string;
  /** encDec minus decOnly, normalised points. */
  readonly gap: Interval;
}

function baseline(rows: readonly LeaderboardRow[], arch: string): LeaderboardRow | null {
  const c = rows.filter((r) =>
    r.model.architecture === arch && !r.model.distilled && r.model.role === "student"
  );
  c.sort((a, b) =>
    Number(b.model.split === "2/3-1/3") - Number(a.model.split === "2/3-1/3") ||
    a.model.id.localeCompare(b.model.id)
  );
  return c[0] ?? null;
}

/** The gap on every task both baselines were scored on. */
export function taskGaps(
  rows: readonly LeaderboardRow[],
  tasks: readonly TaskSummary[],
): TaskGap[] {
  const ed = baseline(rows, "encoder-decoder"), dec = baseline(rows, "decoder-only");
  if (ed === null || dec === null) return [];
  return tasks.flatMap((t) => {
    const a = ed.scores[t.info.id], b = dec.scores[t.info.id];
    if (a === undefined || b === undefined) return [];
    const value = a.norm.value - b.norm.value;
    return [{
      taskId: t.info.id,
      kind: t.info.kind,
      encDec: ed.model.id,
      decOnly: dec.model.id,
      gap: {
        value,
        low: value - Math.hypot(a.norm.value - a.norm.low, b.norm.high - b.norm.value),
        high: value + Math.hypot(a.norm.high - a.norm.value, b.norm.value - b.norm.low),
      },
    }];
  });
}
