/**
 * The chart data the site's pages embed as JSON (`<script type="application/json">`) and
 * the site's browser script draws: one contract, written once. Types only, importing
 * nothing, so that `src/site/charts.ts` (which builds the data) and `src/browser/` (which
 * draws it) share it without either importing the other.
 *
 * @module
 */

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

/** One student of the distillation chart: its gain per task (null: not measured). */
export interface KdSeries {
  readonly label: string;
  readonly arch: string;
  readonly values: readonly (number | null)[];
  readonly lows: readonly (number | null)[];
  readonly highs: readonly (number | null)[];
}

/** Everything the overview charts draw (the overview's `#chart-data` block). */
export interface OverviewCharts {
  /** Reference systems scored on every task: their average, for the quality/TTFT chart. */
  readonly references: readonly ReferenceLine[];
  readonly targets: readonly { readonly id: string; readonly label: string }[];
  readonly pareto: Readonly<Record<string, readonly XYPoint[]>>;
  readonly throughput: Readonly<Record<string, readonly Bar[]>>;
  readonly sweep: Readonly<Record<string, readonly Line[]>>;
  readonly kd: {
    readonly tasks: readonly string[];
    readonly series: readonly KdSeries[];
  };
}

/** A reference system on one task: a vertical line with its interval. */
export interface ReferenceMark {
  readonly label: string;
  readonly value: number;
  readonly low: number;
  readonly high: number;
}

/**
 * What a task page's chart draws (the task page's `#task-chart-data` block): each model's
 * normalised score with its interval.
 */
export interface TaskChart {
  /** Primary metric key. */
  readonly metric: string;
  /** Models, best first. */
  readonly bars: readonly Bar[];
  /** Reference systems that scored the task. */
  readonly references: readonly ReferenceMark[];
}

/** A point of a ratio chart: input tokens, the ratio and its 95% interval. */
export interface RatioPoint {
  readonly x: number;
  readonly y: number;
  readonly low: number;
  readonly high: number;
}

/** One line of a ratio chart: a shape pair at one cache mode, batch size, new tokens and dtype. */
export interface RatioLine {
  readonly label: string;
  readonly kvCache: boolean;
  readonly points: readonly RatioPoint[];
}

/** The ratio charts of one target and machine on the "Efficiency at real sizes" page. */
export interface ShapeChartGroup {
  /** The canvases' ids: `chart-shape-ttft-<key>` and `chart-shape-tps-<key>`. */
  readonly key: string;
  readonly ttft: readonly RatioLine[];
  readonly throughput: readonly RatioLine[];
  /** The paper's Table 2 ratios for the target's device class, drawn as dashed lines; or null. */
  readonly paper:
    | { readonly platform: string; readonly ttft: number; readonly throughput: number }
    | null;
}

/** What the "Efficiency at real sizes" page's charts draw (its `#shape-chart-data` block). */
export interface ShapeCharts {
  readonly groups: readonly ShapeChartGroup[];
}
