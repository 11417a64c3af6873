/**
 * Chart data for the site's browser script: plain JSON, one entry per target,
 * built from the report, of the types in `chart_data.ts` (which the script
 * reads them as). The script (`src/browser/site.ts`) draws it with chart.js.
 *
 * @module
 */
import type { Report, ShapeRatio } from "../report/mod.ts";
import { averageIntervals, type Interval, meanInterval } from "../report/mod.ts";
import type {
  Bar,
  Line,
  OverviewCharts,
  RatioLine,
  ShapeChartGroup,
  ShapeCharts,
  TaskChart,
  XYPoint,
} from "./chart_data.ts";

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

/** The target and machine a shape ratio belongs to (one group of charts and one table). */
export function shapeGroupKey(r: Pick<ShapeRatio, "targetId" | "machine">): string {
  return `${r.targetId}\u0000${r.machine}`;
}

/**
 * Builds the "Efficiency at real sizes" page's chart data: per target and machine (in the
 * report's order, numbered from 1) the TTFT and throughput ratios against input length, one
 * line per pair, cache mode, batch size, new tokens and dtype.
 */
export function shapeCharts(report: Report): ShapeCharts {
  const groups = Map.groupBy(report.shapes.ratios, shapeGroupKey);
  return {
    groups: [...groups.values()].map((rows, i): ShapeChartGroup => {
      const lines = (pick: (r: ShapeRatio) => Interval): RatioLine[] =>
        [
          ...Map.groupBy(rows, (r) =>
            `${r.encDec.modelId} / ${r.decOnly.modelId}, cache ${r.kvCache ? "on" : "off"}, ` +
            `batch ${r.batchSize}, ${r.newTokens} new${r.dtype === "fp32" ? "" : `, ${r.dtype}`}`),
        ].map(([label, list]) => ({
          label,
          kvCache: list[0]!.kvCache,
          points: list.map((r) => {
            const iv = pick(r);
            return { x: r.inputTokens, y: iv.value, low: iv.low, high: iv.high };
          }),
        }));
      const paper = rows[0]!.paper;
      return {
        key: String(i + 1),
        ttft: lines((r) => r.ttftRatio),
        throughput: lines((r) => r.throughputRatio),
        paper: paper === null
          ? null
          : { platform: paper.platform, ttft: paper.ttft, throughput: paper.throughput },
      };
    }),
  };
}
