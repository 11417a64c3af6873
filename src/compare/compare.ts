/**
 * The regression gate: compares a contender results store with a baseline
 * store, cell key by cell key (same hardware, model files, task, settings and
 * engine), and finds quality, speed and status regressions. Pure: records and
 * samples in, a {@linkcode CompareReport} out.
 *
 * - Quality: the project's one paired test (`report/paired.ts`, over the paired
 *   bootstrap of `metrics/bootstrap.ts`) on the sample ids both records scored; a regression when the one-sided p is below
 *   `qualityAlpha` and the primary metric drops by at least `qualityMinPoints`
 *   on the 0-100 scale; the number of outputs that changed is counted.
 * - Speed: the newest ok run against the median of the `window` ok runs before
 *   it; a violation of the last two runs is a confirmed regression, of the
 *   newest only "suspicious", with fewer than `minHistory` earlier runs
 *   "insufficient data".
 * - Outputs: a latency cell's greedy tokens (its `outputDigests`) that differ
 *   from the baseline's on the same key (same model files, engine, runtime and
 *   hardware) are a regression: the speed of a different computation.
 * - Status: ok before and failed or timed out now is a regression.
 * - Cells only one side has are not comparable: a hardware change is named,
 *   and a target the contender's machine ran before but not now is missing.
 *
 * @module
 */
import type { CellRecord, SampleRecord, Stat } from "../core/record.ts";
import { hardwareId, machineId } from "../core/target.ts";
import { byTime } from "../results/select.ts";
import { quantile } from "../results/stat.ts";
import { compareCells } from "../report/paired.ts";
import { metricScale } from "../report/normalize.ts";
import { matchingOutputs } from "../report/agreement.ts";
import { type Measure, MEASURES } from "../report/measures.ts";
import type { Thresholds } from "./thresholds.ts";

/** A results store as compare sees it. */
export interface StoreView {
  /** Every cell record (history included). */
  readonly records: readonly CellRecord[];
  /** Sample records by `${runId}/${cellKey}` (quality cells of the records compared). */
  readonly samples: ReadonlyMap<string, readonly SampleRecord[]>;
}

/** What a finding is about. */
export type FindingKind = "quality" | "outputs" | "speed" | "status" | "missing";

/** The verdict of one finding. */
export type Verdict =
  | "regression"
  | "improvement"
  | "suspicious"
  | "insufficient data"
  | "unchanged";

/** One comparison result. */
export interface Finding {
  readonly kind: FindingKind;
  readonly verdict: Verdict;
  /** The cell key (for `missing`: a key of the target's last baseline cell). */
  readonly cellKey: string;
  /** `model / task / target [profile] @ hardware`. */
  readonly label: string;
  /** One line of detail: values, ratios, p-value, changed outputs. */
  readonly detail: string;
  /** Quality: outputs that differ between the two records. */
  readonly changedOutputs?: number;
  /** Quality: contender minus baseline, in points on the 0-100 scale. */
  readonly deltaPoints?: number;
  /** Quality: one-sided p-value of the change. */
  readonly pValue?: number;
  /** Speed: ratio of each measure to its reference (newest run). */
  readonly ratios?: Readonly<Record<string, number>>;
}

/** A cell only one side has. */
export interface NotComparable {
  readonly cellKey: string;
  readonly label: string;
  readonly reason: string;
}

/** The result of a comparison. */
export interface CompareReport {
  /** Cell keys both stores have. */
  readonly comparable: number;
  /** Every finding ("unchanged" quality and speed included), in cell key order, missing targets last. */
  readonly findings: readonly Finding[];
  readonly notComparable: readonly NotComparable[];
  readonly regressions: number;
  readonly improvements: number;
  readonly suspicious: number;
}

/** The key of a record's samples in {@linkcode StoreView.samples}. */
export function sampleKey(r: CellRecord): string {
  return `${r.runId}/${r.cellKey}`;
}

/** The hardware a record's timings belong to (as in its cell key). */
export function recordHardware(r: CellRecord): string {
  return hardwareId(r.target, r.environment);
}

/** `model / task / target [profile] @ hardware`. */
export function recordLabel(r: CellRecord): string {
  return `${r.model.id} / ${r.task?.id ?? "-"} / ${r.target.id} [${r.settings.profile}] @ ${
    recordHardware(r)
  }`;
}

function newest(records: readonly CellRecord[]): CellRecord | undefined {
  return [...records].sort(byTime).at(-1);
}

function newestOk(records: readonly CellRecord[]): CellRecord | undefined {
  return newest(records.filter((r) => r.status === "ok"));
}

function groupByKey(records: readonly CellRecord[]): Map<string, CellRecord[]> {
  const out = new Map<string, CellRecord[]>();
  for (const r of records) {
    const list = out.get(r.cellKey) ?? [];
    list.push(r);
    out.set(r.cellKey, list);
  }
  return out;
}

/** Median of a list of numbers (the mean of the middle two for even lengths). */
export function median(values: readonly number[]): number {
  return quantile([...values].sort((a, b) => a - b), 0.5);
}

/**
 * The gate's limit on each measure's ratio to its reference: a maximum for a
 * measure where lower is better, a minimum where higher is.
 */
const LIMITS: Readonly<Record<Measure["field"], (t: Thresholds) => number>> = {
  ttftMs: (t) => t.ttftRatioMax,
  tpotMs: (t) => t.tpotRatioMax,
  tokensPerS: (t) => t.throughputRatioMin,
  peakRssMiB: (t) => t.peakMemoryRatioMax,
};

/**
 * A record's value of a measure for the gate: the median of a timed one, the
 * peak as recorded (null where the target cannot read its process memory: not
 * measured, so never a regression).
 */
function gateValue(m: Measure, r: CellRecord): number | undefined {
  if (r.efficiency === null) return undefined;
  return m.kind === "timed" ? p50(m.of(r.efficiency)) : m.of(r.efficiency) ?? undefined;
}

function p50(s: Stat | undefined): number | undefined {
  return s && s.n > 0 && Number.isFinite(s.p50) && s.p50 > 0 ? s.p50 : undefined;
}

/** Ratios of a run's measures to the median of the earlier runs, and which ones break a limit. */
export function speedCheck(
  run: CellRecord,
  earlier: readonly CellRecord[],
  t: Thresholds,
): { ratios: Record<string, number>; violated: string[] } {
  const ratios: Record<string, number> = {};
  const violated: string[] = [];
  for (const m of MEASURES) {
    const v = gateValue(m, run);
    const ref = earlier.map((r) => gateValue(m, r)).filter((x): x is number => x !== undefined);
    if (v === undefined || ref.length === 0) continue;
    const ratio = v / median(ref);
    const limit = LIMITS[m.field](t);
    ratios[m.gateName] = ratio;
    if (m.higherIsBetter ? ratio < limit : ratio > limit) violated.push(m.gateName);
  }
  return { ratios, violated };
}

/**
 * The speed verdict of a cell from its ok runs (both stores, oldest first,
 * the newest being the contender's): confirmed when the newest and the one
 * before it both break a limit against the median of the `window` ok runs
 * before each.
 */
export function speedVerdict(
  okRuns: readonly CellRecord[],
  t: Thresholds,
): { verdict: Verdict; ratios: Record<string, number>; violated: string[] } {
  const timed = okRuns.filter((r) => r.efficiency !== null);
  const i = timed.length - 1;
  const before = (j: number) => timed.slice(Math.max(0, j - t.window), j);
  if (i < t.minHistory) return { verdict: "insufficient data", ratios: {}, violated: [] };
  const last = speedCheck(timed[i]!, before(i), t);
  if (last.violated.length === 0) return { verdict: "unchanged", ...last };
  if (i - 1 >= t.minHistory) {
    const prev = speedCheck(timed[i - 1]!, before(i - 1), t);
    if (prev.violated.some((v) => last.violated.includes(v))) {
      return { verdict: "regression", ...last };
    }
  }
  return { verdict: "suspicious", ...last };
}

/**
 * The quality verdict of two records of one cell: the project's paired test
 * (`compareCells`) on the sample ids both scored (BLEU and chrF re-aggregated
 * from n-gram counts, mean metrics from the per-sample scores).
 */
export function qualityVerdict(
  base: CellRecord,
  cont: CellRecord,
  baseSamples: readonly SampleRecord[],
  contSamples: readonly SampleRecord[],
  t: Thresholds,
): Omit<Finding, "kind" | "cellKey" | "label"> | null {
  const q = cont.quality ?? base.quality;
  if (!q || !base.quality || !cont.quality) return null;
  const primary = q.primary;
  const higherIsBetter = q.metrics[primary]?.higherIsBetter ?? true;
  const byId = new Map(baseSamples.map((s) => [s.sampleId, s]));
  let changed = 0, shared = 0;
  for (const s of contSamples) {
    const o = byId.get(s.sampleId);
    if (!o) continue;
    shared++;
    if ((o.rawPrediction ?? o.prediction) !== (s.rawPrediction ?? s.prediction)) changed++;
  }
  const r = compareCells(new Map([["baseline", baseSamples], ["contender", contSamples]]), {
    system: "contender",
    baseline: "baseline",
    primary,
    higherIsBetter,
  });
  if (!r) {
    return {
      verdict: "insufficient data",
      changedOutputs: changed,
      detail: `${shared} sample(s) scored by both records; the paired test needs 10`,
    };
  }
  const points = r.delta * (100 / metricScale(primary));
  const better = higherIsBetter ? points > 0 : points < 0;
  const gain = Math.abs(points);
  // one-sided: half the two-sided p on the side the change went, the rest on the other
  const pOne = r.pValue / 2;
  const significant = points !== 0 && pOne < t.qualityAlpha && gain >= t.qualityMinPoints;
  const verdict: Verdict = significant ? (better ? "improvement" : "regression") : "unchanged";
  return {
    verdict,
    changedOutputs: changed,
    deltaPoints: points,
    pValue: pOne,
    detail: `${primary} ${fmt(r.baseline)} -> ${fmt(r.system)} (${points >= 0 ? "+" : ""}${
      points.toFixed(2)
    } points, one-sided p ${pOne.toFixed(4)}, n ${shared}), ${changed} outputs changed`,
  };
}

/**
 * The latency samples whose greedy tokens differ between two records of a
 * cell (by `outputDigests`, over the samples both recorded), or null when
 * none differ or either record has no digests.
 */
export function outputsChanged(
  base: CellRecord | undefined,
  cont: CellRecord | undefined,
): { changedOutputs: number; detail: string } | null {
  const a = base?.efficiency?.outputDigests, b = cont?.efficiency?.outputDigests;
  if (!a || !b || base!.runId === cont!.runId) return null;
  const { matched, of: n } = matchingOutputs(a, b);
  const changed = n - matched;
  return changed === 0 ? null : {
    changedOutputs: changed,
    detail: `greedy tokens differ on ${changed} of ${n} latency sample(s) ` +
      `(run ${base!.runId} -> ${cont!.runId}); same model files, engine and hardware`,
  };
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toFixed(Math.abs(x) < 10 ? 4 : 2) : String(x);
}

/** Identity of a cell without its hardware: what a hardware change keeps. */
function sansHardware(r: CellRecord): string {
  return JSON.stringify([
    r.model.sha256,
    r.task?.id ?? null,
    r.task?.version ?? null,
    r.task?.datasetSha256 ?? null,
    r.target.id,
    r.settings,
  ]);
}

/** The machine a record ran on (CPU model and cores). */
const machineOf = (r: CellRecord): string => machineId(r.environment);

/** Compares a contender store with a baseline store (see the module doc). */
export function compareStores(
  baseline: StoreView,
  contender: StoreView,
  t: Thresholds,
): CompareReport {
  const base = groupByKey(baseline.records);
  const cont = groupByKey(contender.records);
  const findings: Finding[] = [];
  const notComparable: NotComparable[] = [];
  let comparable = 0;
  const keys = [...cont.keys()].sort();
  for (const key of keys) {
    const c = cont.get(key)!;
    const cNew = newest(c)!;
    const label = recordLabel(cNew);
    const b = base.get(key);
    if (!b) {
      const moved = baseline.records.find((r) =>
        sansHardware(r) === sansHardware(cNew) && recordHardware(r) !== recordHardware(cNew)
      );
      notComparable.push({
        cellKey: key,
        label,
        reason: moved
          ? `hardware changed: ${recordHardware(moved)} -> ${recordHardware(cNew)} (not compared)`
          : "new cell: no baseline record with this key",
      });
      continue;
    }
    comparable++;
    const bNew = newest(b)!;
    // Nothing new on this key: the contender's newest record is already in the baseline.
    if (b.some((r) => r.runId === cNew.runId)) continue;
    const bOk = newestOk(b);
    const cOk = newestOk(c);
    // Status
    if (bOk && cNew.status !== "ok" && newest(b)!.status === "ok") {
      findings.push({
        kind: "status",
        verdict: "regression",
        cellKey: key,
        label,
        detail: `ok -> ${cNew.status}${
          cNew.error ? ` (${cNew.error.reason}: ${cNew.error.message})` : ""
        }`,
      });
    } else if (bNew.status !== "ok" && cNew.status === "ok") {
      findings.push({
        kind: "status",
        verdict: "improvement",
        cellKey: key,
        label,
        detail: `${bNew.status} -> ok`,
      });
    }
    // Quality
    if (bOk && cOk && bOk.runId !== cOk.runId && bOk.quality && cOk.quality) {
      const v = qualityVerdict(
        bOk,
        cOk,
        baseline.samples.get(sampleKey(bOk)) ?? [],
        contender.samples.get(sampleKey(cOk)) ?? [],
        t,
      );
      if (v) findings.push({ kind: "quality", cellKey: key, label, ...v });
    }
    // Outputs of the latency pass: same key, so the greedy tokens must be the same
    const changed = outputsChanged(bOk, cOk);
    if (changed) {
      findings.push({ kind: "outputs", verdict: "regression", cellKey: key, label, ...changed });
    }
    // Speed (timed passes only: the quality pass's throughput depends on batching)
    if (cOk && cNew.status === "ok" && cOk.settings.profile !== "quality") {
      const runs = new Map<string, CellRecord>();
      for (const r of [...b, ...c]) if (r.status === "ok") runs.set(r.runId, r);
      const ordered = [...runs.values()].sort(byTime);
      const v = speedVerdict(ordered, t);
      if (v.verdict !== "unchanged" || v.violated.length > 0) {
        const ratios = Object.entries(v.ratios).map(([k, x]) => `${k} ${x.toFixed(2)}x`).join(", ");
        findings.push({
          kind: "speed",
          verdict: v.verdict,
          cellKey: key,
          label,
          ratios: v.ratios,
          detail: v.verdict === "insufficient data"
            ? `${ordered.length - 1} earlier ok run(s); need ${t.minHistory}`
            : `${v.violated.length ? `${v.violated.join(", ")} over the limit; ` : ""}${ratios} ` +
              `vs the median of up to ${t.window} earlier runs`,
        });
      } else {
        findings.push({
          kind: "speed",
          verdict: "unchanged",
          cellKey: key,
          label,
          ratios: v.ratios,
          detail: Object.entries(v.ratios).map(([k, x]) => `${k} ${x.toFixed(2)}x`).join(", "),
        });
      }
    }
  }
  // Missing targets: the contender's machine ran a target before, and not now.
  const contMachines = new Set(contender.records.map(machineOf));
  const contTargets = new Set(contender.records.map((r) => `${machineOf(r)}|${r.target.id}`));
  const reported = new Set<string>();
  for (const r of [...baseline.records].sort(byTime).reverse()) {
    const m = machineOf(r), id = `${m}|${r.target.id}`;
    if (r.status !== "ok" || !contMachines.has(m) || contTargets.has(id) || reported.has(id)) {
      continue;
    }
    reported.add(id);
    findings.push({
      kind: "missing",
      verdict: "regression",
      cellKey: r.cellKey,
      label: `${r.target.id} @ ${m}`,
      detail: `target ${r.target.id} ran ok on this machine before (run ${r.runId}); ` +
        "the contender has no cell of it (not available now?)",
    });
  }
  const count = (v: Verdict) => findings.filter((f) => f.verdict === v).length;
  return {
    comparable,
    findings,
    notComparable,
    regressions: count("regression"),
    improvements: count("improvement"),
    suspicious: count("suspicious"),
  };
}
