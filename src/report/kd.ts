/**
 * Knowledge-distillation deltas: a distilled student minus the baseline of
 * the same architecture and split (not distilled, not a teacher; nearest in
 * parameter count if several), per task and on the average, in normalised
 * points (0-100). The interval is the paired test of `paired.ts` when both
 * cells have per-sample records, else the two intervals combined in
 * quadrature. Beside each delta: the baseline's and the teacher's own scores,
 * and a flag when the teacher scores below the student's baseline (then
 * distillation cannot be expected to help on that task).
 *
 * @module
 */
import { averageIntervals } from "./average.ts";
import { metricScale } from "./normalize.ts";
import { compareCells } from "./paired.ts";
import type { Interval, LeaderboardRow, ModelInfo, SamplesByCell, TieMethod } from "./types.ts";

/** One distilled-vs-baseline comparison on one task (or `avg`). */
export interface KdDelta {
  /** Distilled model id. */
  readonly student: string;
  /** Baseline model id. */
  readonly baseline: string;
  /** Teacher id, if recorded. */
  readonly teacher: string | null;
  /** Architecture. */
  readonly architecture: string;
  /** Split, or null for decoder-only. */
  readonly split: string | null;
  /** Task id, or `avg` for the average over tasks. */
  readonly taskId: string;
  /** Student minus baseline, normalised points, with a 95% interval. */
  readonly delta: Interval;
  /** How the interval was computed. */
  readonly method: TieMethod | "quadrature";
  /** The baseline's own score (normalised points, 95% interval). */
  readonly baselineScore: Interval;
  /** The teacher's own score on this task (or its average), or null when not measured. */
  readonly teacherScore: Interval | null;
  /**
   * True when the teacher's score is below the baseline's (point values), null
   * when the teacher was not measured.
   */
  readonly teacherBelowBaseline: boolean | null;
}

/** Baseline of a distilled model among `models`, or null. */
export function baselineOf(student: ModelInfo, models: readonly ModelInfo[]): ModelInfo | null {
  const candidates = models.filter((m) =>
    !m.distilled && m.role !== "teacher" && m.id !== student.id &&
    m.architecture === student.architecture && (m.split ?? null) === (student.split ?? null)
  );
  candidates.sort((a, b) =>
    Math.abs(a.params.total - student.params.total) -
      Math.abs(b.params.total - student.params.total) || (a.id < b.id ? -1 : 1)
  );
  return candidates[0] ?? null;
}

function quadrature(a: Interval, b: Interval): Interval {
  const value = a.value - b.value;
  const below = Math.hypot(a.value - a.low, b.high - b.value);
  const above = Math.hypot(a.high - a.value, b.value - b.low);
  return { value, low: value - below, high: value + above };
}

function beside(
  baseline: Interval,
  teacher: Interval | undefined,
): Pick<KdDelta, "baselineScore" | "teacherScore" | "teacherBelowBaseline"> {
  return {
    baselineScore: baseline,
    teacherScore: teacher ?? null,
    teacherBelowBaseline: teacher === undefined ? null : teacher.value < baseline.value,
  };
}

/** Every KD delta the rows allow: per task, then `avg`. */
export function kdDeltas(rows: readonly LeaderboardRow[], samples: SamplesByCell): KdDelta[] {
  const models = rows.map((r) => r.model);
  const byId = new Map(rows.map((r) => [r.model.id, r]));
  const out: KdDelta[] = [];
  for (const row of rows) {
    if (!row.model.distilled) continue;
    const base = baselineOf(row.model, models);
    if (base === null) continue;
    const baseRow = byId.get(base.id)!;
    const teacher = row.model.teacher === undefined ? undefined : byId.get(row.model.teacher);
    const common = {
      student: row.model.id,
      baseline: base.id,
      teacher: row.model.teacher ?? null,
      architecture: row.model.architecture,
      split: row.model.split ?? null,
    };
    const perTask: Interval[] = [];
    for (const taskId of Object.keys(row.scores).sort()) {
      const s = row.scores[taskId]!, b = baseRow.scores[taskId];
      if (b === undefined) continue;
      const boot = compareCells(samples, {
        system: s.cellKey,
        baseline: b.cellKey,
        primary: s.metric,
        higherIsBetter: s.raw.higherIsBetter,
      });
      let delta: Interval, method: KdDelta["method"];
      if (boot !== null) {
        const f = 100 / metricScale(s.metric);
        delta = { value: boot.delta * f, low: boot.ciLow * f, high: boot.ciHigh * f };
        method = "paired-bootstrap";
      } else {
        delta = quadrature(s.norm, b.norm);
        method = "quadrature";
      }
      perTask.push(delta);
      out.push({
        ...common,
        taskId,
        delta,
        method,
        ...beside(b.norm, teacher?.scores[taskId]?.norm),
      });
    }
    if (row.average !== null && baseRow.average !== null && perTask.length > 0) {
      const avg = averageIntervals(perTask)!;
      out.push({
        ...common,
        taskId: "avg",
        delta: { ...avg, value: row.average.value - baseRow.average.value },
        method: "quadrature",
        ...beside(baseRow.average, teacher?.average ?? undefined),
      });
    }
  }
  return out;
}
