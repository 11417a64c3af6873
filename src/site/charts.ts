/**
 * Chart data for the client script: plain JSON, one entry per target, built
 * from the report. The client draws it with chart.js (error bars and the
 * Pareto front by a small plugin of its own).
 *
 * @module
 */
import type { Report } from "../report/mod.ts";
import { averageIntervals, type Interval, meanInterval } from "../report/mod.ts";

/** A point with intervals on both axes. */
export interface XYPoint {
  readonly label: string;
  readonly arch: string;
  readonly x: number;
  readonly xLow: number;
  readonly xHigh: number;
  readonly y: number;
  readonly yLow: number;
  readonly yHigh: number;
  readonly front: boolean;
}

/** A bar with an interval. */
export interface Bar {
  readonly label: string;
  readonly arch: string;
  readonly value: number;
  readonly low: number;
  readonly high: number;
}

/** A line of the sweep chart. */
export interface Line {
  readonly label: string;
  readonly arch: string;
  readonly kvCache: boolean;
  readonly points: readonly (readonly [number, number])[];
}

/** A reference system drawn as a horizontal line on the quality axis. */
export interface ReferenceLine {
  readonly label: string;
  readonly y: number;
}

/** Everything the overview charts draw. */
export interface OverviewCharts {
  /** Reference systems scored on every task: their average, for the quality/TTFT chart. */
  readonly references: readonly ReferenceLine[];
  readonly targets: readonly { readonly id: string; readonly label: string }[];
  readonly pareto: Readonly<Record<string, readonly XYPoint[]>>;
  readonly throughput: Readonly<Record<string, readonly Bar[]>>;
  readonly sweep: Readonly<Record<string, readonly Line[]>>;
  readonly kd: {
    readonly tasks: readonly string[];
    readonly series: readonly {
      readonly label: string;
      readonly arch: string;
      readonly values: readonly (number | null)[];
      readonly lows: readonly (number | null)[];
      readonly highs: readonly (number | null)[];
    }[];
  };
}

/** Builds the overview chart data. */
export function overviewCharts(report: Report): OverviewCharts {
  const arch = new Map(report.rows.map((r) => [r.model.id, r.model.architecture]));
  const pareto: Record<string, XYPoint[]> = {};
  const throughput: Record<string, Bar[]> = {};
  const sweep: Record<string, Line[]> = {};
  for (const t of report.targets) {
    const id = t.info.id;
    pareto[id] = (report.pareto[id] ?? []).map((p) => ({
      label: p.modelId,
      arch: arch.get(p.modelId) ?? "",
      x: p.ttft.value,
      xLow: p.ttft.low,
      xHigh: p.ttft.high,
      y: p.quality.value,
      yLow: p.quality.low,
      yHigh: p.quality.high,
      front: p.onFront,
    }));
    throughput[id] = report.rows.flatMap((r) => {
      const e = r.efficiency[id];
      if (e === undefined) return [];
      const iv = meanInterval(e.tokensPerS);
      return [{
        label: r.model.id,
        arch: r.model.architecture,
        value: iv.value,
        low: iv.low,
        high: iv.high,
      }];
    }).sort((a, b) => b.value - a.value);
    sweep[id] = report.sweep.filter((s) => s.targetId === id).map((s) => ({
      label: s.modelId,
      arch: s.architecture,
      kvCache: s.kvCache,
      points: s.points.map((p) => [p.inputTokens, p.totalMs] as const),
    }));
  }
  const tasks = [...report.tasks.map((t) => t.info.id), "avg"];
  const students = [...new Set(report.kd.map((d) => d.student))];
  const series = students.map((student) => {
    const ds = report.kd.filter((d) => d.student === student);
    const first = ds[0]!;
    const pick = (f: (d: (typeof ds)[number]) => number): (number | null)[] =>
      tasks.map((t) => {
        const d = ds.find((x) => x.taskId === t);
        return d === undefined ? null : f(d);
      });
    return {
      label: `${first.architecture}${first.split ? ` ${first.split}` : ""} (${student})`,
      arch: first.architecture,
      values: pick((d) => d.delta.value),
      lows: pick((d) => d.delta.low),
      highs: pick((d) => d.delta.high),
    };
  });
  const references = report.references.flatMap((ref) => {
    const ivs = report.tasks.map((t) => ref.scores[t.info.id]?.norm);
    if (ivs.length === 0 || ivs.some((iv) => iv === undefined)) return [];
    const avg = averageIntervals(ivs as Interval[]);
    return avg === null ? [] : [{ label: ref.model.id, y: avg.value }];
  });
  return {
    references,
    targets: report.targets.map((t) => ({ id: t.info.id, label: t.info.label })),
    pareto,
    throughput,
    sweep,
    kd: { tasks, series },
  };
}

/** A reference system on one task: a vertical line with its interval. */
export interface ReferenceMark {
  readonly label: string;
  readonly value: number;
  readonly low: number;
  readonly high: number;
}

/** What a task page's chart draws: each model's normalised score with its interval. */
export interface TaskChart {
  /** Primary metric key. */
  readonly metric: string;
  /** Models, best first. */
  readonly bars: readonly Bar[];
  /** Reference systems that scored the task. */
  readonly references: readonly ReferenceMark[];
}

/** Builds a task page's chart data (normalised 0-100 scores, 95% intervals). */
export function taskChart(report: Report, taskId: string): TaskChart {
  const task = report.tasks.find((t) => t.info.id === taskId);
  const bars = report.rows.flatMap((r) => {
    const s = r.scores[taskId];
    return s === undefined ? [] : [{ label: r.model.id, arch: r.model.architecture, ...s.norm }];
  }).sort((a, b) => b.value - a.value);
  const references = report.references.flatMap((ref) => {
    const s = ref.scores[taskId];
    return s === undefined
      ? []
      : [{ label: ref.model.id, value: s.norm.value, low: s.norm.low, high: s.norm.high }];
  });
  return { metric: task?.primary ?? "", bars, references };
}
