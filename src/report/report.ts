/**
 * The whole report: every reduction the leaderboard shows, from the records
 * of the results store and (optionally) their per-sample records.
 *
 * @module
 */
import type { CellRecord } from "../core/record.ts";
import { outputAgreement } from "./agreement.ts";
import { type AsymmetryRow, asymmetryTable } from "./asymmetry.ts";
import { meanInterval } from "./efficiency.ts";
import { type HistorySeries, historySeries } from "./history.ts";
import { type KdDelta, kdDeltas } from "./kd.ts";
import { leaderboardRows } from "./leaderboard.ts";
import { paretoFront } from "./pareto.ts";
import { type ArchRatio, archRatios } from "./ratios.ts";
import { selectLatest } from "./select.ts";
import { type ShapeReport, shapeReport } from "./shape_ratios.ts";
import { latestByKey } from "../results/select.ts";
import { type SweepSeries, sweepSeries } from "./sweep.ts";
import { table2, type Table2Row } from "./table2.ts";
import { type TaskGap, taskGaps } from "./task_gap.ts";
import type {
  CellIndexEntry,
  Failure,
  Interval,
  LeaderboardRow,
  OutputAgreement,
  ReferenceRow,
  RunSummary,
  SamplesByCell,
  TargetSummary,
  TaskSummary,
} from "./types.ts";

/** A model on the quality/latency plane of one target. */
export interface ParetoPoint {
  /** Model id. */
  readonly modelId: string;
  /** Mean TTFT with a 95% interval of the mean, ms. */
  readonly ttft: Interval;
  /** Average quality (0-100) with its 95% interval. */
  readonly quality: Interval;
  /** True when no other model is both faster and better. */
  readonly onFront: boolean;
}

/** Everything the leaderboard shows. */
export interface Report {
  /** When the report was built (ISO 8601). */
  readonly generatedAt: string;
  /** Runs of the store, oldest first. */
  readonly runs: readonly RunSummary[];
  /** Tasks, by id. */
  readonly tasks: readonly TaskSummary[];
  /** Targets, by id. */
  readonly targets: readonly TargetSummary[];
  /** Overview rows, best first (models only; references are in `references`). */
  readonly rows: readonly LeaderboardRow[];
  /** Reference systems' scores (`reference: true`), by id; not ranked. */
  readonly references: readonly ReferenceRow[];
  /** Quality against TTFT, per target id. */
  readonly pareto: Readonly<Record<string, readonly ParetoPoint[]>>;
  /** Distillation deltas. */
  readonly kd: readonly KdDelta[];
  /** Encoder-decoder vs decoder-only ratios. */
  readonly ratios: readonly ArchRatio[];
  /** Latency against input length. */
  readonly sweep: readonly SweepSeries[];
  /** Per-target metric history. */
  readonly history: readonly HistorySeries[];
  /** Per-task length statistics. */
  readonly asymmetry: readonly AsymmetryRow[];
  /** Encoder-decoder minus decoder-only baseline quality, per task. */
  readonly taskGaps: readonly TaskGap[];
  /** The paper's Table 2 beside measured numbers. */
  readonly table2: readonly Table2Row[];
  /** Efficiency at real sizes: the shape pairs' ratios (empty without shape cells). */
  readonly shapes: ShapeReport;
  /** Cells that failed or timed out (newest attempt of each key). */
  readonly failures: readonly Failure[];
  /** Every cell shown, for cell pages (newest of each key). */
  readonly cells: readonly CellIndexEntry[];
  /** Latency cells on targets other than `cpu`: their greedy tokens against `cpu`'s. */
  readonly agreement: readonly OutputAgreement[];
}

/** Options of {@link buildReport}. */
export interface BuildReportOptions {
  /** Per-sample records by cell key (default none). */
  readonly samples?: SamplesByCell;
  /** Build time to record (default now). */
  readonly generatedAt?: string;
  /**
   * Compute the per-target history (default true). It reads the body of every record, so a
   * reader that does not show it (the terminal table) leaves it empty.
   */
  readonly history?: boolean;
}

/** A record's place in the grid: the one mapping behind cell pages and failures. */
function indexEntry(r: CellRecord): CellIndexEntry {
  return {
    cellKey: r.cellKey,
    runId: r.runId,
    modelId: r.model.id,
    taskId: r.task?.id ?? null,
    targetId: r.target.id,
    profile: r.settings.profile,
    status: r.status,
  };
}

function runs(records: readonly CellRecord[]): RunSummary[] {
  const m = new Map<string, { s: string; f: string; ok: number; failed: number }>();
  for (const r of records) {
    const x = m.get(r.runId) ?? { s: r.startedAt, f: r.finishedAt, ok: 0, failed: 0 };
    if (r.startedAt < x.s) x.s = r.startedAt;
    if (r.finishedAt > x.f) x.f = r.finishedAt;
    if (r.status === "ok") x.ok++;
    else x.failed++;
    m.set(r.runId, x);
  }
  return [...m].map(([runId, x]) => ({
    runId,
    startedAt: x.s,
    finishedAt: x.f,
    ok: x.ok,
    failed: x.failed,
  })).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

function targets(records: readonly CellRecord[], runOrder: readonly string[]): TargetSummary[] {
  const newest = new Map<string, CellRecord>();
  const runSets = new Map<string, Set<string>>();
  for (const r of records) {
    const prev = newest.get(r.target.id);
    if (prev === undefined || r.finishedAt > prev.finishedAt) newest.set(r.target.id, r);
    const s = runSets.get(r.target.id) ?? new Set();
    s.add(r.runId);
    runSets.set(r.target.id, s);
  }
  return [...newest.values()].map((r) => ({
    info: r.target,
    environment: r.environment,
    runs: runOrder.filter((id) => runSets.get(r.target.id)!.has(id)),
  })).sort((a, b) => a.info.id.localeCompare(b.info.id));
}

/**
 * Builds the report. Pure: the same records give the same report.
 *
 * @example
 * ```ts
 * import { buildReport } from "./report.ts";
 * const r = buildReport([], { generatedAt: "2026-01-01T00:00:00Z" });
 * r.rows.length; // 0
 * ```
 */
export function buildReport(
  records: readonly CellRecord[],
  options: BuildReportOptions = {},
): Report {
  const samples = options.samples ?? new Map();
  const sel = selectLatest(records);
  const { rows, tasks, references } = leaderboardRows(sel, samples);
  const runList = runs(records);
  const targetList = targets(records, runList.map((r) => r.runId));
  const pareto: Record<string, ParetoPoint[]> = {};
  for (const t of targetList) {
    const pts = rows.flatMap((r) => {
      const e = r.efficiency[t.info.id];
      return e !== undefined && r.average !== null
        ? [{ modelId: r.model.id, ttft: meanInterval(e.ttftMs), quality: r.average }]
        : [];
    });
    const front = new Set(
      paretoFront(pts.map((p) => ({ id: p.modelId, x: p.ttft.value, y: p.quality.value }))),
    );
    if (pts.length > 0) {
      pareto[t.info.id] = pts.map((p) => ({ ...p, onFront: front.has(p.modelId) }));
    }
  }
  const newest = latestByKey(records);
  const failures: Failure[] = newest.filter((r) => r.status !== "ok").map((r) => ({
    ...indexEntry(r),
    message: r.error?.message ?? r.status,
  })).sort((a, b) => a.modelId.localeCompare(b.modelId) || a.cellKey.localeCompare(b.cellKey));
  const cells = newest.map(indexEntry).sort((a, b) => a.cellKey.localeCompare(b.cellKey));
  return {
    generatedAt: options.generatedAt ?? new Date().toISOString(),
    runs: runList,
    tasks,
    targets: targetList,
    rows,
    references,
    pareto,
    kd: kdDeltas(rows, samples),
    ratios: archRatios(rows),
    sweep: sweepSeries(sel),
    history: options.history === false ? [] : historySeries(records),
    asymmetry: asymmetryTable(
      [...sel.quality.values()].filter((c) => c.model.role !== "reference"),
      samples,
    ),
    taskGaps: taskGaps(rows, tasks),
    table2: table2(rows, targetList),
    shapes: shapeReport(records),
    failures,
    cells,
    agreement: outputAgreement(newest),
  };
}
