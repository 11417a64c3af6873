/**
 * The device page's charts as data: the visitor's latency cells beside the
 * board's targets on the same (model, task) pairs, one bar series per target,
 * and the visitor's quality beside the board's on the same fixed sample.
 * Pure, so that what the page draws is checked without a browser.
 *
 * @module
 */
import type { BoardPoint } from "../core/device.ts";
import type { CellRecord } from "../core/record.ts";
import { metricScale } from "../report/normalize.ts";

/** One bar series: a target's medians over the chart's pairs (null: not measured). */
export interface DeviceSeries {
  /** Legend text. */
  readonly label: string;
  /** Target id. */
  readonly target: string;
  /** Whether the series is the visitor's device. */
  readonly mine: boolean;
  /** Median time to first token per pair, ms. */
  readonly ttftMs: readonly (number | null)[];
  /** Median time per output token per pair, ms. */
  readonly tpotMs: readonly (number | null)[];
}

/** A quality series: the primary metric per pair on the page's fixed sample, 0-100. */
export interface QualitySeries {
  readonly label: string;
  readonly mine: boolean;
  readonly values: readonly (number | null)[];
}

/** What the TTFT, TPOT and quality charts draw. */
export interface DeviceChartData {
  /** One category per (model, task) pair run on this device, in run order: `model · task`. */
  readonly labels: readonly string[];
  /** The board's targets (by id), then this device. */
  readonly series: readonly DeviceSeries[];
  /** The board's quality on the same fixed sample, then this device's. */
  readonly quality: readonly QualitySeries[];
}

/**
 * Builds the chart data from the board's figures and the visitor's records
 * (timings from latency records; quality from quality records).
 */
export function deviceChartData(
  board: readonly BoardPoint[],
  records: readonly CellRecord[],
): DeviceChartData {
  const mine = records.filter((r) =>
    r.settings.profile === "latency" && r.efficiency !== null && r.task !== null
  );
  const pairs: [string, string][] = [];
  for (const r of mine) {
    if (!pairs.some(([m, t]) => m === r.model.id && t === r.task!.id)) {
      pairs.push([r.model.id, r.task!.id]);
    }
  }
  const targets = [
    ...new Set(
      board.filter((b) => pairs.some(([m, t]) => m === b.model && t === b.task)).map((b) =>
        b.target
      ),
    ),
  ].sort();
  const boardSeries = targets.map((target): DeviceSeries => {
    const at = ([m, t]: [string, string]) =>
      board.find((b) => b.target === target && b.model === m && b.task === t);
    return {
      label: `${target} (board)`,
      target,
      mine: false,
      ttftMs: pairs.map((p) => at(p)?.ttftMs ?? null),
      tpotMs: pairs.map((p) => at(p)?.tpotMs ?? null),
    };
  });
  const mineTargets = [...new Set(mine.map((r) => r.target.id))];
  const mineSeries = mineTargets.map((target): DeviceSeries => {
    const at = ([m, t]: [string, string]) =>
      mine.findLast((r) => r.target.id === target && r.model.id === m && r.task!.id === t)
        ?.efficiency;
    return {
      label: `${target} (this device)`,
      target,
      mine: true,
      ttftMs: pairs.map((p) => at(p)?.ttftMs.p50 ?? null),
      tpotMs: pairs.map((p) => at(p)?.tpotMs.p50 ?? null),
    };
  });
  // Quality on the fixed sample, normalised to 0-100 like the board's averages (ROUGE is 0-1).
  const quality: QualitySeries[] = [];
  const qualityOf = (target: string, [m, t]: [string, string]) =>
    records.findLast((r) =>
      r.settings.profile === "quality" && r.target.id === target && r.model.id === m &&
      r.task?.id === t
    )?.quality ?? null;
  const primaries = pairs.map((p) =>
    mineTargets.map((target) => qualityOf(target, p)?.primary).find((k) => k !== undefined)
  );
  const scaled = (v: number | null | undefined, i: number): number | null => {
    const key = primaries[i];
    return v === null || v === undefined || key === undefined ? null : v * 100 / metricScale(key);
  };
  if (pairs.length > 0) {
    quality.push({
      label: "board (same samples)",
      mine: false,
      values: pairs.map(([m, t], i) =>
        scaled(
          board.find((b) => b.model === m && b.task === t && b.sampleQuality !== null)
            ?.sampleQuality,
          i,
        )
      ),
    });
    for (const target of mineTargets) {
      quality.push({
        label: `${target} (this device)`,
        mine: true,
        values: pairs.map((p, i) => {
          const q = qualityOf(target, p);
          return scaled(q?.metrics[q.primary]?.value, i);
        }),
      });
    }
  }
  return {
    labels: pairs.map(([m, t]) => `${m} · ${t}`),
    series: [...boardSeries, ...mineSeries],
    quality,
  };
}
