/**
 * A task page's chart: each model's normalised score with its interval, one
 * row per model, and the reference systems as labelled vertical lines.
 *
 * @module
 */
import type { ChartType, Plugin } from "chart.js";
import type { ReferenceMark, TaskChart } from "../site/chart_data.ts";
import { archColor, shortLabel } from "./board_style.ts";
import { axis, drawChart, errorBars } from "./chart.ts";

/** Options of the {@link refLines} plugin. */
interface RefLinesOptions {
  readonly lines: readonly ReferenceMark[];
}

declare module "chart.js" {
  interface PluginOptionsByType<TType extends ChartType> {
    /** Vertical reference lines (the task chart's plugin). */
    refLines?: RefLinesOptions;
  }
}

/** Vertical dashed lines at `options.plugins.refLines.lines`, labelled above the plot. */
const refLines: Plugin<"bar", RefLinesOptions> = {
  id: "refLines",
  afterDatasetsDraw(chart, _args, opts) {
    const lines = (opts && opts.lines) || [];
    const xs = chart.scales.x!, area = chart.chartArea, ctx = chart.ctx;
    ctx.save();
    ctx.strokeStyle = "#6e7781";
    ctx.fillStyle = "#32383f";
    ctx.lineWidth = 1.5;
    ctx.font = "11px system-ui, sans-serif";
    lines.forEach((l, i) => {
      ctx.setLineDash([4, 3]);
      const x = xs.getPixelForValue(l.value);
      if (x < area.left || x > area.right) return;
      ctx.beginPath();
      ctx.moveTo(x, area.top);
      ctx.lineTo(x, area.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      const w = ctx.measureText(l.label).width;
      // Above the plot (the chart's top padding leaves a row per line), not over the bars.
      ctx.fillText(l.label, x + 4 + w > area.right ? x - 4 - w : x + 4, area.top - 4 - 13 * i);
    });
    ctx.restore();
  },
};

/** Draws the task chart on `#chart-task` (nothing when the page has no such canvas). */
export function drawTaskChart(data: TaskChart): void {
  const canvas = document.getElementById("chart-task");
  if (!canvas) return;
  const bars = data.bars;
  // One row per model: the box grows with the number of models (CSSOM, allowed by the CSP).
  canvas.parentElement!.style.height = `${Math.max(200, 26 * bars.length + 90)}px`;
  drawChart("chart-task", {
    type: "bar",
    data: {
      labels: bars.map((b) => shortLabel(b.label)),
      datasets: [{
        label: `${data.metric}, normalised`,
        data: bars.map((b) => b.value),
        backgroundColor: bars.map((b) => archColor(b.arch)),
        errorBars: bars.map((b) => ({ xLow: b.low, xHigh: b.high })),
        errorBarColor: "#1b1f24",
      }],
    },
    options: {
      indexAxis: "y",
      layout: { padding: { top: 6 + 13 * data.references.length } },
      scales: {
        x: axis(`${data.metric}, 0–100 (higher is better)`, {
          suggestedMin: 0,
          suggestedMax: Math.max(
            ...bars.map((b) => b.high),
            ...data.references.map((r) => r.value),
          ),
        }),
        y: { ticks: { font: { size: 11 } } },
      },
      plugins: {
        legend: { display: false },
        refLines: { lines: data.references },
        tooltip: {
          callbacks: {
            label: (c) => {
              const b = bars[c.dataIndex]!;
              return `${b.label}: ${b.value.toFixed(1)} (${b.low.toFixed(1)}–${b.high.toFixed(1)})`;
            },
          },
        },
      },
    },
    plugins: [errorBars, refLines],
  });
}
