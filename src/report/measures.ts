/**
 * The efficiency measures of a latency cell, listed once: TTFT, TPOT, decode
 * throughput and peak memory. Each entry holds every spelling of its measure
 * (the site's column key and glossary anchor, labels, the flat tables' column,
 * the gate's name), its unit, its direction, its glossary definition, the
 * digits it is shown with and how to read it from a record. The report's
 * per-target efficiency, its flat tables and history, the regression gate's
 * speed check, the leaderboard's columns, the target pages' history and the
 * glossary all iterate this list. Energy is recorded on latency cells but not
 * yet shown, so it is not a measure here.
 *
 * @module
 */
import type { Efficiency, Stat } from "../core/record.ts";
import type { TargetEfficiency } from "./types.ts";

/** What every measure says about itself. */
interface MeasureInfo {
  /**
   * Short key: the leaderboard's column (`data-col`, the column chooser and
   * URL state) and the glossary anchor.
   */
  readonly key: string;
  /** Column header and glossary term, e.g. `TTFT`. */
  readonly label: string;
  /** Label of a series over runs (target pages' history), e.g. `Decode tokens/s`. */
  readonly title: string;
  /** In words, e.g. `time to first token` (accessible names of the columns). */
  readonly name: string;
  /** Unit written after a label (`ms`, `MiB`); empty where the label holds it (`Tok/s`). */
  readonly unit: string;
  /** Snake-case column of the flat tables and metric of the history series, e.g. `ttft_ms`. */
  readonly column: string;
  /** Name in the regression gate's ratios and details, e.g. `throughput`. */
  readonly gateName: string;
  /** Whether larger is better. */
  readonly higherIsBetter: boolean;
  /** Decimals shown; null for milliseconds' rule (one decimal under 100, none from 100). */
  readonly digits: number | null;
  /** The glossary's definition (the tooltip of the label). */
  readonly definition: string;
}

/** A measure summarised over the timed runs of a cell (a {@linkcode Stat} per record). */
export interface TimedMeasure extends MeasureInfo {
  /** Timed: pooled over cells by `poolStats`, read as the mean (the gate: the median). */
  readonly kind: "timed";
  /** Its field in {@linkcode TargetEfficiency}. */
  readonly field: "ttftMs" | "tpotMs" | "tokensPerS";
  /** Its statistics in a record's efficiency. */
  readonly of: (e: Efficiency) => Stat;
}

/** A measure taken once per cell (peak memory), null where the target cannot read it. */
export interface PeakMeasure extends MeasureInfo {
  /** Peak: the largest over cells. */
  readonly kind: "peak";
  /** Its field in {@linkcode TargetEfficiency}. */
  readonly field: "peakRssMiB";
  /** Its value in a record's efficiency. */
  readonly of: (e: Efficiency) => number | null;
}

/** One efficiency measure. */
export type Measure = TimedMeasure | PeakMeasure;

/** Every measure, in the order columns, tables, series and glossary entries show them. */
export const MEASURES: readonly Measure[] = [
  {
    kind: "timed",
    key: "ttft",
    label: "TTFT",
    title: "TTFT",
    name: "time to first token",
    unit: "ms",
    column: "ttft_ms",
    gateName: "ttft",
    field: "ttftMs",
    higherIsBetter: false,
    digits: null,
    definition:
      "Time to first token: from the request to the first generated token, in milliseconds " +
      "(encoder pass or prefill included). Mean over the latency cell's timed runs.",
    of: (e) => e.ttftMs,
  },
  {
    kind: "timed",
    key: "tpot",
    label: "TPOT",
    title: "TPOT",
    name: "time per output token",
    unit: "ms",
    column: "tpot_ms",
    gateName: "tpot",
    field: "tpotMs",
    higherIsBetter: false,
    digits: null,
    definition: "Time per output token after the first, in milliseconds (the decode step).",
    of: (e) => e.tpotMs,
  },
  {
    kind: "timed",
    key: "toks",
    label: "Tok/s",
    title: "Decode tokens/s",
    name: "decode tokens per second",
    unit: "",
    column: "tokens_per_s",
    gateName: "throughput",
    field: "tokensPerS",
    higherIsBetter: true,
    digits: 1,
    definition: "Decode tokens per second at batch size 1 (1000 / TPOT, averaged over runs).",
    of: (e) => e.decodeTokensPerS,
  },
  {
    kind: "peak",
    key: "peak",
    label: "Peak",
    title: "Peak memory",
    name: "peak memory",
    unit: "MiB",
    column: "peak_rss_mib",
    gateName: "peak memory",
    field: "peakRssMiB",
    higherIsBetter: false,
    digits: 0,
    definition: "Peak resident memory of the cell's process, MiB.",
    of: (e) => e.peakRssMiB,
  },
];

/** A record's value of a measure: the mean of a timed one, the peak as recorded. */
export function recordValue(m: Measure, e: Efficiency): number | null {
  return m.kind === "timed" ? m.of(e).mean : m.of(e);
}

/** A target efficiency's value of a measure: the pooled mean of a timed one, the peak. */
export function targetValue(m: Measure, e: TargetEfficiency): number | null {
  return m.kind === "timed" ? e[m.field].mean : e[m.field];
}

/** The measure whose flat-table column (history metric) is `column`, if any. */
export function measureByColumn(column: string): Measure | undefined {
  return MEASURES.find((m) => m.column === column);
}
