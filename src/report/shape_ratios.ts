/**
 * "Efficiency at real sizes": the shape cells (`model.role` `shape`, random weights of real
 * architectures, timed at fixed lengths) reduced to encoder-decoder over decoder-only ratios
 * per target, machine and grid point, for the pairs of `shape_pairs.ts`: first-token latency
 * and decode throughput, each with a 95% interval, beside the paper's Table 2 ratio for the
 * target's device class. Only cells of the same target, machine, weights' dtype and grid point
 * (input tokens, new tokens, cache, batch size) are paired; where both shapes of a pair were
 * timed on a target and machine, a point with one side only is listed as unpaired (a pair
 * with a shape never timed there is left out). A shape says nothing of quality: its records never reach the
 * quality tables (`select.ts`).
 *
 * @module
 */
import type { CellRecord, Stat } from "../core/record.ts";
import type { ShapePoint } from "../core/run_settings.ts";
import { machineId } from "../core/target.ts";
import { boardRecords, pickBy } from "../results/select.ts";
import { meanInterval } from "./efficiency.ts";
import { SHAPE_PAIRS, type ShapePair } from "./shape_pairs.ts";
import { PAPER_TABLE2 } from "./table2.ts";
import type { Interval } from "./types.ts";

/** The paper's Table 2 ratios (enc-dec over dec-only, 330M models) of one platform. */
export interface PaperRatio {
  /** The paper's platform: the target's device class, upper case. */
  readonly platform: string;
  /** First-token latency, enc-dec over dec-only (CPU 0.71, NPU 0.53). */
  readonly ttft: number;
  /** Throughput, enc-dec over dec-only (CPU 3.8, NPU 4.7). */
  readonly throughput: number;
}

/** One side of a pair at one grid point: the shape's cell on the target. */
export interface ShapeSide {
  readonly modelId: string;
  /** Parameters of the shape as built (the record's `model.params.total`). */
  readonly params: number;
  /** Mean first-token latency with its 95% interval, ms. */
  readonly ttftMs: Interval;
  /** Mean decode throughput (per row) with its 95% interval, tokens/s. */
  readonly tokensPerS: Interval;
  /** Peak resident memory of the cell's worker so far, MiB; null where not readable. */
  readonly peakRssMiB: number | null;
  /** Timed runs behind the means. */
  readonly runs: number;
  readonly cellKey: string;
  readonly runId: string;
}

/** Where a shape cell sits: target, machine, weights and grid point. */
export interface ShapePlace extends ShapePoint {
  readonly targetId: string;
  readonly targetLabel: string;
  /** The target's device class (`cpu`, `gpu`, `npu`). */
  readonly device: string;
  /** The machine (`machineId`: CPU model and cores) the cells ran on. */
  readonly machine: string;
  /** Weight dtype variant (`fp32`, `q8`). */
  readonly dtype: string;
}

/** An encoder-decoder shape against a decoder-only one at one place. */
export interface ShapeRatio extends ShapePlace {
  readonly encDec: ShapeSide;
  readonly decOnly: ShapeSide;
  /** TTFT, encoder-decoder over decoder-only (below 1: the encoder-decoder is faster). */
  readonly ttftRatio: Interval;
  /** Decode throughput, encoder-decoder over decoder-only (above 1: it decodes faster). */
  readonly throughputRatio: Interval;
  /** The paper's ratios for the target's device class; null where the paper has none. */
  readonly paper: PaperRatio | null;
}

/**
 * A pair's side measured at a place where its partner was not, though the partner was timed
 * at other places of the same target and machine (a gap in the grid).
 */
export interface UnpairedShape extends ShapePlace {
  readonly encDec: string;
  readonly decOnly: string;
  /** The shape measured there. */
  readonly measured: string;
  /** The partner with no cell there. */
  readonly missing: string;
}

/** A shape with cells on the board. */
export interface ShapeSummary {
  readonly id: string;
  readonly architecture: string;
  /** Parameters of the shape as built (the newest record's `model.params.total`). */
  readonly params: number;
  /** Targets it was timed on, by id. */
  readonly targets: readonly string[];
  /** Its shown cells (one per target, machine and grid point). */
  readonly cells: number;
}

/** What the board shows of the shapes. */
export interface ShapeReport {
  /** Every shape with a shown cell, by id. */
  readonly shapes: readonly ShapeSummary[];
  /** Every ratio, by target, machine, pair order, dtype, batch, cache (on first), new tokens, input. */
  readonly ratios: readonly ShapeRatio[];
  /** Pairs' sides measured without their partner, in the same order. */
  readonly unpaired: readonly UnpairedShape[];
}

/** The paper's Table 2 ratios for a device class (`cpu`, `npu`, ...), or null. */
export function paperRatio(device: string): PaperRatio | null {
  const platform = device.toUpperCase();
  const row = (model: string) =>
    PAPER_TABLE2.find((p) => p.platform === platform && p.model === model);
  const e = row("enc-dec"), d = row("dec-only");
  if (e === undefined || d === undefined) return null;
  return { platform, ttft: e.ttftMs / d.ttftMs, throughput: e.tokensPerS / d.tokensPerS };
}

/**
 * The ratio of two means with its 95% interval, from each mean's interval
 * ({@linkcode meanInterval}): on the log scale the relative half-widths add in quadrature
 * (the delta method for independent means), so the interval is `r·e^-h .. r·e^h`.
 */
export function ratioInterval(num: Stat, den: Stat): Interval {
  const a = meanInterval(num), b = meanInterval(den);
  const value = a.value / b.value;
  const h = Math.hypot((a.high - a.value) / a.value, (b.high - b.value) / b.value);
  return { value, low: value * Math.exp(-h), high: value * Math.exp(h) };
}

function placeOf(r: CellRecord): ShapePlace {
  const s = r.settings;
  return {
    targetId: r.target.id,
    targetLabel: r.target.label,
    device: r.target.device,
    machine: machineId(r.environment),
    dtype: r.model.dtype,
    inputTokens: s.inputTokens ?? 0,
    newTokens: s.maxNewTokens,
    kvCache: s.kvCache,
    batchSize: s.batchSize,
  };
}

/** The place's key without the model: the cells of a pair share it. */
function placeKey(p: ShapePlace): string {
  return [p.targetId, p.machine, p.dtype, p.batchSize, p.kvCache, p.inputTokens, p.newTokens]
    .join("\u0000");
}

function side(r: CellRecord): ShapeSide {
  const e = r.efficiency!;
  return {
    modelId: r.model.id,
    params: r.model.params.total,
    ttftMs: meanInterval(e.ttftMs),
    tokensPerS: meanInterval(e.decodeTokensPerS),
    peakRssMiB: e.peakRssMiB,
    runs: e.ttftMs.n,
    cellKey: r.cellKey,
    runId: r.runId,
  };
}

/** A statistic a ratio can divide by: timed runs with a positive mean. */
function measured(s: Stat): boolean {
  return s.n > 0 && s.mean > 0;
}

function summaries(cells: readonly CellRecord[]): ShapeSummary[] {
  const byId = Map.groupBy(cells, (r) => r.model.id);
  return [...byId].map(([id, list]) => {
    const newest = list.reduce((a, b) => (b.finishedAt > a.finishedAt ? b : a));
    return {
      id,
      architecture: newest.model.architecture,
      params: newest.model.params.total,
      targets: [...new Set(list.map((r) => r.target.id))].sort(),
      cells: list.length,
    };
  }).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function comparePlaces(a: ShapePlace, b: ShapePlace): number {
  const s = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return s(a.targetId, b.targetId) || s(a.machine, b.machine) || s(a.dtype, b.dtype) ||
    a.batchSize - b.batchSize || Number(b.kvCache) - Number(a.kvCache) ||
    a.newTokens - b.newTokens || a.inputTokens - b.inputTokens;
}

/**
 * The shape report of a store's records. Which record stands for a shape cell is the board's
 * rule (`boardRecords`: ok, newest); a ratio needs both sides `ok` with efficiency (TTFT and
 * decode throughput timed, with positive means), the numerator an encoder-decoder and the
 * denominator a decoder-only record. Pure.
 */
export function shapeReport(
  records: readonly CellRecord[],
  pairs: readonly ShapePair[] = SHAPE_PAIRS,
): ShapeReport {
  // Head fields first, so a reader with deferred bodies parses only the shape records' bodies.
  const shapes = records.filter((r) => r.model.role === "shape" && r.settings.profile === "shape");
  const shown = boardRecords(shapes).filter((r) => r.status === "ok" && r.efficiency !== null);
  // One record per model and place (a machine's newest where a place was measured twice).
  const byPlace = pickBy(shown, (r) => `${r.model.id}\u0000${placeKey(placeOf(r))}`);
  const places = new Map<string, { place: ShapePlace; cells: Map<string, CellRecord> }>();
  for (const r of byPlace.values()) {
    const place = placeOf(r);
    const key = placeKey(place);
    const at = places.get(key) ?? { place, cells: new Map<string, CellRecord>() };
    at.cells.set(r.model.id, r);
    places.set(key, at);
  }
  const ordered = [...places.values()].sort((a, b) => comparePlaces(a.place, b.place));
  const ratios: ShapeRatio[] = [];
  const unpaired: UnpairedShape[] = [];
  // Target and machine, then pair order, then the grid point.
  const groups = Map.groupBy(ordered, (p) => `${p.place.targetId}\u0000${p.place.machine}`);
  for (const group of groups.values()) {
    const present = new Set(group.flatMap((p) => [...p.cells.keys()]));
    for (const pair of pairs) {
      // A pair is compared on a target and machine where both of its shapes were timed.
      if (!present.has(pair.encDec) || !present.has(pair.decOnly)) continue;
      for (const { place, cells } of group) {
        const e = cells.get(pair.encDec), d = cells.get(pair.decOnly);
        if (e === undefined && d === undefined) continue;
        if (e === undefined || d === undefined) {
          unpaired.push({
            ...place,
            encDec: pair.encDec,
            decOnly: pair.decOnly,
            measured: (e ?? d)!.model.id,
            missing: e === undefined ? pair.encDec : pair.decOnly,
          });
          continue;
        }
        const ee = e.efficiency!, de = d.efficiency!;
        if (
          e.model.architecture !== "encoder-decoder" || d.model.architecture !== "decoder-only" ||
          ![ee.ttftMs, de.ttftMs, ee.decodeTokensPerS, de.decodeTokensPerS].every(measured)
        ) continue;
        ratios.push({
          ...place,
          encDec: side(e),
          decOnly: side(d),
          ttftRatio: ratioInterval(ee.ttftMs, de.ttftMs),
          throughputRatio: ratioInterval(ee.decodeTokensPerS, de.decodeTokensPerS),
          paper: paperRatio(place.device),
        });
      }
    }
  }
  return { shapes: summaries([...byPlace.values()]), ratios, unpaired };
}
