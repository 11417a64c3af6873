/**
 * The one chart.js helper of the site's pages, shared by the board's charts
 * (`site.ts`) and the device page (`device.ts`): drawing a chart with the
 * site's defaults (replacing the one drawn before on the same canvas), axis
 * titles, and the error-bar plugin.
 *
 * chart.js itself is the site's UMD file (`assets/chart.umd.min.js`, loaded
 * before the page scripts), read as the global `Chart`: only its types are
 * imported here, so no bundle carries a second copy.
 *
 * @module
 */
import type { Chart, ChartConfiguration, ChartType, DefaultDataPoint, Plugin } from "chart.js";

/** An interval drawn around a point: across (x), along (y), or both; null or absent: none. */
export interface ErrorBar {
  readonly xLow?: number | null | undefined;
  readonly xHigh?: number | null | undefined;
  readonly yLow?: number | null | undefined;
  readonly yHigh?: number | null | undefined;
}

declare module "chart.js" {
  // The dataset fields the error-bar plugin reads.
  interface PluginDatasetOptionsByType<TType extends ChartType> {
    /** One interval per point (none where absent). */
    errorBars?: readonly (ErrorBar | undefined)[];
    /** The bars' colour (default: the dataset's border colour). */
    errorBarColor?: string;
  }
}

/** chart.js's UMD global, or undefined when its file did not load (the tables still show all). */
export function chartJs(): typeof Chart | undefined {
  return (globalThis as unknown as { Chart?: typeof Chart }).Chart;
}

const drawn = new Map<string, Chart>();

/**
 * Draws `config` on the canvas `#id` with the site's defaults (no animation, the chart fills
 * its box, a compact legend), destroying the chart drawn there before. Does nothing when the
 * canvas or chart.js is missing.
 */
export function drawChart<
  TType extends ChartType,
  TData = DefaultDataPoint<TType>,
  TLabel = unknown,
>(id: string, config: ChartConfiguration<TType, TData, TLabel>): void {
  const canvas = document.getElementById(id) as HTMLCanvasElement | null;
  const Chart = chartJs();
  if (!canvas || !Chart) return;
  drawn.get(id)?.destroy();
  // Loosely typed: the defaults are merged into options of any chart type.
  const options: Record<string, unknown> & { plugins: Record<string, unknown> } = Object.assign({
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    plugins: {},
  }, config.options ?? {});
  options.plugins.legend = Object.assign(
    { labels: { boxWidth: 12, font: { size: 11 } } },
    options.plugins.legend ?? {},
  );
  config.options = options as typeof config.options;
  drawn.set(id, new Chart(canvas, config as unknown as ChartConfiguration));
}

/** An axis with a title, plus `extra` scale options. */
export function axis<T extends object>(
  title: string,
  extra?: T,
): { title: { display: true; text: string } } & T {
  return Object.assign({ title: { display: true as const, text: title } }, extra ?? ({} as T));
}

/**
 * Error bars: a dataset's `errorBars` hold one {@link ErrorBar} per point, drawn with caps,
 * clipped to the plot area.
 */
export const errorBars: Plugin = {
  id: "errorBars",
  afterDatasetsDraw(chart) {
    const ctx = chart.ctx;
    chart.data.datasets.forEach((ds, di) => {
      if (!ds.errorBars) return;
      const meta = chart.getDatasetMeta(di);
      if (meta.hidden) return;
      const xs = chart.scales[meta.xAxisID!]!, ys = chart.scales[meta.yAxisID!]!;
      ctx.save();
      // Clip to the plot area: bars must not run into the legend or the axis titles.
      const area = chart.chartArea;
      ctx.beginPath();
      ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
      ctx.clip();
      ctx.strokeStyle = ds.errorBarColor || (ds.borderColor as string | undefined) || "#444";
      ctx.lineWidth = 1.2;
      meta.data.forEach((el, i) => {
        const e = ds.errorBars![i];
        if (!e) return;
        const cap = 4;
        ctx.beginPath();
        if (e.xLow != null && e.xHigh != null) {
          const a = xs.getPixelForValue(e.xLow), b = xs.getPixelForValue(e.xHigh);
          ctx.moveTo(a, el.y);
          ctx.lineTo(b, el.y);
          ctx.moveTo(a, el.y - cap);
          ctx.lineTo(a, el.y + cap);
          ctx.moveTo(b, el.y - cap);
          ctx.lineTo(b, el.y + cap);
        }
        if (e.yLow != null && e.yHigh != null) {
          const a = ys.getPixelForValue(e.yLow), b = ys.getPixelForValue(e.yHigh);
          ctx.moveTo(el.x, a);
          ctx.lineTo(el.x, b);
          ctx.moveTo(el.x - cap, a);
          ctx.lineTo(el.x + cap, a);
          ctx.moveTo(el.x - cap, b);
          ctx.lineTo(el.x + cap, b);
        }
        ctx.stroke();
      });
      ctx.restore();
    });
  },
};
