/**
 * The "Efficiency at real sizes" page's charts: per target and machine, the TTFT and decode
 * throughput ratios (encoder-decoder over decoder-only) against input length, one line per
 * pair and setting with 95% intervals, and the paper's ratio for the device class as a dashed
 * grey line.
 *
 * @module
 */
import type { RatioLine, ShapeCharts } from "../site/chart_data.ts";
import { ARCH_SHADES } from "./board_style.ts";
import { axis, drawChart, errorBars } from "./chart.ts";

const SHADES = ARCH_SHADES["encoder-decoder"]!;

/** One ratio chart on `#id`: the lines, and the paper's ratio across the measured lengths. */
function drawRatio(
  id: string,
  lines: readonly RatioLine[],
  paper: { readonly platform: string; readonly value: number } | null,
  title: string,
): void {
  const xs = lines.flatMap((l) => l.points.map((p) => p.x));
  const labels = [...new Set(lines.map((l) => l.label.split(",")[0]!))];
  const datasets = lines.map((l) => {
    const color = SHADES[labels.indexOf(l.label.split(",")[0]!) % SHADES.length]!;
    return {
      label: l.label,
      data: l.points.map((p) => ({ x: p.x, y: p.y })),
      borderColor: color,
      backgroundColor: color,
      borderDash: l.kvCache ? [] : [5, 4],
      pointRadius: 2.5,
      borderWidth: 1.8,
      errorBars: l.points.map((p) => ({ yLow: p.low, yHigh: p.high })),
    };
  });
  if (paper !== null && xs.length > 0) {
    datasets.push({
      label: `paper, ${paper.platform}`,
      data: [{ x: Math.min(...xs), y: paper.value }, { x: Math.max(...xs), y: paper.value }],
      borderColor: "#6e7781",
      backgroundColor: "#6e7781",
      borderDash: [3, 3],
      pointRadius: 0,
      borderWidth: 1.5,
      errorBars: [],
    });
  }
  // Ticks at the measured lengths only (64, 256, 1024 ...), on a log scale.
  const ticks = [...new Set(xs)].sort((a, b) => a - b).map((value) => ({ value }));
  drawChart(id, {
    type: "line",
    data: { datasets },
    options: {
      scales: {
        x: axis("Input tokens", {
          type: "logarithmic" as const,
          afterBuildTicks: (scale: { ticks: { value: number }[] }) => {
            scale.ticks = ticks;
          },
          // The log scale's own labels name only 1, 2 and 5 times a power of ten.
          ticks: { callback: (v: number | string) => String(v) },
        }),
        y: axis(title, { beginAtZero: true }),
      },
      plugins: { legend: { position: "bottom", labels: { font: { size: 10 } } } },
    },
    plugins: [errorBars],
  });
}

/** Draws every group's two charts (canvases the page does not have are passed by). */
export function drawShapeCharts(data: ShapeCharts): void {
  for (const g of data.groups) {
    drawRatio(
      `chart-shape-ttft-${g.key}`,
      g.ttft,
      g.paper && { platform: g.paper.platform, value: g.paper.ttft },
      "TTFT, enc-dec / dec-only",
    );
    drawRatio(
      `chart-shape-tps-${g.key}`,
      g.throughput,
      g.paper && { platform: g.paper.platform, value: g.paper.throughput },
      "Decode tok/s, enc-dec / dec-only",
    );
  }
}
