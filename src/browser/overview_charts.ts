/**
 * The overview's charts for one target: quality against TTFT with the Pareto
 * front and the reference systems, decode throughput, latency against input
 * length, and the distillation gain (the same for every target).
 *
 * @module
 */
import type { ChartType, Plugin } from "chart.js";
import type { KdSeries, Line, OverviewCharts, XYPoint } from "../site/chart_data.ts";
import { ARCH_SHADES, archColor, shortLabel } from "./board_style.ts";
import { axis, drawChart, errorBars } from "./chart.ts";

declare module "chart.js" {
  // The dataset fields the point-label plugin reads, and the sweep's cache flag.
  interface PluginDatasetOptionsByType<TType extends ChartType> {
    /** A name per point. */
    pointNames?: readonly string[];
    /** Per point: on the Pareto front (named in bold). */
    pointFront?: readonly boolean[];
    /** A sweep line's KV-cache setting (solid: on, dashed: off). */
    kvCache?: boolean;
  }
}

/** Point labels for the scatter chart: each dataset's `pointNames`, front points in bold. */
const pointLabels: Plugin = {
  id: "pointLabels",
  afterDatasetsDraw(chart) {
    const ctx = chart.ctx;
    ctx.save();
    const area = chart.chartArea;
    ctx.beginPath();
    ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
    ctx.clip();
    ctx.fillStyle = "#32383f";
    const placed: { x: number; y: number; w: number }[] = [];
    chart.data.datasets.forEach((ds, di) => {
      if (!ds.pointNames) return;
      const meta = chart.getDatasetMeta(di);
      if (meta.hidden) return;
      meta.data.forEach((el, i) => {
        const front = ds.pointFront && ds.pointFront[i];
        ctx.font = `${front ? "600 " : ""}11px system-ui, sans-serif`;
        const text = ds.pointNames![i]!;
        const w = ctx.measureText(text).width;
        // Right of the point, or left when it would leave the plot; step down past labels
        // already drawn so that names do not overprint each other.
        const x = el.x + 6 + w > area.right ? el.x - 6 - w : el.x + 6;
        let y = el.y - 6;
        for (let k = 0; k < 6; k++) {
          const hit = placed.some((b) => x < b.x + b.w && x + w > b.x && Math.abs(y - b.y) < 12);
          if (!hit) break;
          y += 12;
        }
        placed.push({ x, y, w });
        ctx.fillText(text, x, y);
      });
    });
    ctx.restore();
  },
};

/** Quality against TTFT: points by architecture with both intervals, the front, references. */
function drawPareto(data: OverviewCharts, target: string): void {
  const pts = data.pareto[target] || [];
  const groups: Record<string, XYPoint[]> = {};
  for (const p of pts) (groups[p.arch] = groups[p.arch] || []).push(p);
  const datasets = Object.keys(groups).map((arch) => ({
    type: "scatter" as const,
    label: arch || "other",
    data: groups[arch]!.map((p) => ({ x: p.x, y: p.y })),
    errorBars: groups[arch]!,
    // Every model is named (front models in bold, by the plugin).
    pointNames: groups[arch]!.map((p) => shortLabel(p.label)),
    pointFront: groups[arch]!.map((p) => p.front),
    backgroundColor: archColor(arch),
    borderColor: archColor(arch),
    pointRadius: 5,
  } as const));
  const lines: {
    type: "line";
    label: string;
    data: { x: number; y: number }[];
    borderColor: string;
    borderDash: number[];
    borderWidth: number;
    pointRadius: number;
    fill: boolean;
  }[] = [];
  const front = pts.filter((p) => p.front).sort((a, b) => a.x - b.x);
  lines.push({
    type: "line",
    label: "Pareto front",
    data: front.map((p) => ({ x: p.x, y: p.y })),
    borderColor: "#1b1f24",
    borderDash: [6, 4],
    borderWidth: 1.5,
    pointRadius: 0,
    fill: false,
  });
  // Reference systems (scored on every task) as horizontal lines across the plot.
  const xs = pts.map((p) => p.x);
  if (xs.length > 0) {
    const x0 = Math.min(...pts.map((p) => p.xLow)), x1 = Math.max(...pts.map((p) => p.xHigh));
    for (const ref of data.references || []) {
      lines.push({
        type: "line",
        label: `${ref.label} (reference)`,
        data: [{ x: x0, y: ref.y }, { x: x1, y: ref.y }],
        borderColor: "#6e7781",
        borderDash: [2, 3],
        borderWidth: 1.5,
        pointRadius: 0,
        fill: false,
      });
    }
  }
  drawChart<"scatter" | "line", { x: number; y: number }[]>("chart-pareto", {
    type: "scatter",
    data: { datasets: [...datasets, ...lines] },
    options: {
      scales: {
        x: axis("Time to first token, ms (lower is better)"),
        y: axis("Average quality, 0–100"),
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: (c) => {
              const bars = c.dataset.errorBars as readonly XYPoint[] | undefined;
              const e = bars && bars[c.dataIndex];
              return e
                ? `${e.label}: ${e.y.toFixed(1)} (${e.yLow.toFixed(1)}–${e.yHigh.toFixed(1)}), ${
                  e.x.toFixed(1)
                } ms`
                : c.dataset.label ?? "";
            },
          },
        },
      },
    },
    plugins: [errorBars, pointLabels],
  });
}

/** Decode throughput per model, with intervals. */
function drawThroughput(data: OverviewCharts, target: string): void {
  const bars = data.throughput[target] || [];
  drawChart("chart-throughput", {
    type: "bar",
    data: {
      labels: bars.map((b) => shortLabel(b.label)),
      datasets: [{
        label: "decode tokens/s",
        data: bars.map((b) => b.value),
        backgroundColor: bars.map((b) => archColor(b.arch)),
        errorBars: bars.map((b) => ({ yLow: b.low, yHigh: b.high })),
        errorBarColor: "#1b1f24",
      }],
    },
    options: {
      scales: {
        y: axis("Decode tokens/s (higher is better)", { beginAtZero: true }),
        x: { ticks: { font: { size: 11 } } },
      },
      plugins: { legend: { display: false } },
    },
    plugins: [errorBars],
  });
}

/** Generation time against input length, a line per model and cache setting. */
function drawSweep(data: OverviewCharts, target: string): void {
  const lines = data.sweep[target] || [];
  // Colour by architecture (as everywhere on the site), a shade per model within it.
  const byArch: Record<string, string[]> = {};
  for (const l of lines) {
    const list = (byArch[l.arch] = byArch[l.arch] || []);
    if (!list.includes(l.label)) list.push(l.label);
  }
  const colorOf = (l: Line): string => {
    const list = ARCH_SHADES[l.arch];
    return list ? list[byArch[l.arch]!.indexOf(l.label) % list.length]! : archColor(l.arch);
  };
  const narrow = globalThis.innerWidth < 700;
  drawChart("chart-sweep", {
    type: "line",
    data: {
      datasets: lines.map((l) => {
        const color = colorOf(l);
        return {
          label: shortLabel(l.label),
          kvCache: l.kvCache,
          data: l.points.map((p) => ({ x: p[0], y: p[1] })),
          borderColor: color,
          backgroundColor: color,
          borderDash: l.kvCache ? [] : [5, 4],
          pointRadius: 2.5,
          borderWidth: 1.8,
        };
      }),
    },
    options: {
      scales: {
        x: axis("Input tokens", { type: "linear" as const }),
        y: axis("Generation time, ms", { beginAtZero: true }),
      },
      plugins: {
        legend: {
          position: narrow ? "bottom" : "right",
          // One entry per model; the caption says solid is cache on, dashed off.
          labels: {
            boxWidth: 10,
            font: { size: 10 },
            filter: (item, d) =>
              d.datasets.findIndex((x) => x.label === d.datasets[item.datasetIndex!]!.label) ===
                item.datasetIndex,
          },
        },
      },
    },
  });
}

/** Colour of the i-th distillation series: its architecture's hue, alternating shades. */
function kdColor(s: KdSeries, i: number): string {
  return s.arch === "encoder-decoder"
    ? (i % 2 ? "#56b4e9" : "#0072b2")
    : (i % 2 ? "#e69f00" : "#d55e00");
}

const measured = (v: number | null): v is number => v != null;

/** The distillation gain per task and student (target independent). */
function drawKd(data: OverviewCharts): void {
  drawChart("chart-kd", {
    type: "bar",
    data: {
      labels: data.kd.tasks as string[],
      datasets: data.kd.series.map((s, i) => ({
        label: shortLabel(s.label),
        data: s.values as (number | null)[],
        backgroundColor: kdColor(s, i),
        errorBars: s.values.map((_, j) => ({ yLow: s.lows[j], yHigh: s.highs[j] })),
        errorBarColor: "#1b1f24",
      })),
    },
    options: {
      scales: {
        y: axis("Gain, normalised points", {
          suggestedMin: Math.min(0, ...data.kd.series.flatMap((s) => s.lows.filter(measured))),
          suggestedMax: Math.max(0, ...data.kd.series.flatMap((s) => s.highs.filter(measured))),
        }),
      },
    },
    plugins: [errorBars],
  });
}

/** Draws the overview's four charts for `target` and names it beside their heading. */
export function drawOverviewCharts(data: OverviewCharts, target: string): void {
  const label = document.querySelector("[data-for-target]");
  if (label) label.textContent = `— target ${target}`;
  drawPareto(data, target);
  drawThroughput(data, target);
  drawSweep(data, target);
  drawKd(data);
}
