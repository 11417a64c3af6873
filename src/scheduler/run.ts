/**
 * Running a plan: skip cells already done (resume is the default), run the
 * rest one subprocess per cell, one cell at a time per device (so timings are
 * not disturbed; devices run side by side), retry failures with exponential
 * backoff, and append every outcome (ok or failed) to this run's file.
 *
 * @module
 */
import { ResultsError } from "../core/errors.ts";
import { CELL_SCHEMA, type CellError, type CellRecord } from "../core/record.ts";
import type { Environment } from "../core/target.ts";
import { completedKeys } from "../results/select.ts";
import { readStore } from "../results/reader.ts";
import type { RunWriter } from "../results/writer.ts";
import { type AttemptResult, runChild } from "./child.ts";
import { Estimator } from "./estimate.ts";
import type { EventSink } from "./events.ts";
import type { PlannedCell } from "./plan.ts";

/** Options of {@linkcode runPlan}. */
export interface RunPlanOptions {
  /** Results folder (read for resume). */
  readonly store: string;
  /** Writer of this run's files. */
  readonly writer: RunWriter;
  /** This machine. */
  readonly environment: Environment;
  /** Temporary folder for the cells' files. */
  readonly tmpDir: string;
  /** Per-attempt time limit in seconds. */
  readonly timeoutS: number;
  /** Extra attempts after a failure. */
  readonly retries: number;
  /** First backoff delay in ms (doubles per retry, capped at 30 s). */
  readonly backoffMs?: number;
  /** Rerun cells that are already done. */
  readonly fresh: boolean;
  /** Receives events. */
  readonly onEvent: EventSink;
  /** Extra environment for the cells' processes. */
  readonly childEnv?: Readonly<Record<string, string>>;
  /** Warnings from reading the store. */
  readonly onWarning?: (message: string) => void;
}

/** What a run did. */
export interface RunSummary {
  /** Cells that succeeded. */
  readonly ok: number;
  /** Cells that failed (crash, error, out of memory). */
  readonly failed: number;
  /** Cells that timed out. */
  readonly timeout: number;
  /** Cells skipped as already done. */
  readonly skipped: number;
  /** Wall time in seconds. */
  readonly durationS: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function failureRecord(
  cell: PlannedCell,
  options: RunPlanOptions,
  started: Date,
  last: Extract<AttemptResult, { ok: false }>,
  attempts: number,
): CellRecord {
  const finished = new Date();
  const error: CellError = {
    reason: last.reason,
    message: last.message,
    stderrTail: last.stderrTail,
    attempts,
  };
  return {
    schema: CELL_SCHEMA,
    runId: options.writer.runId,
    cellKey: cell.key,
    status: last.reason === "timeout" ? "timeout" : "failed",
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationS: (finished.getTime() - started.getTime()) / 1000,
    model: cell.spec.model,
    task: cell.spec.task?.info ?? null,
    target: targetInfo(cell),
    settings: cell.spec.settings,
    quality: null,
    efficiency: null,
    sweep: null,
    environment: options.environment,
    error,
  };
}

function targetInfo(cell: PlannedCell): CellRecord["target"] {
  const t = cell.spec.target;
  return { id: t.id, label: t.label, device: t.device, providers: t.providers, session: t.session };
}

async function runOne(
  cell: PlannedCell,
  index: number,
  estimateS: number,
  options: RunPlanOptions,
): Promise<CellRecord> {
  const started = new Date();
  const attempts = options.retries + 1;
  let last: Extract<AttemptResult, { ok: false }> | undefined;
  let attemptsMade = 0;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    attemptsMade = attempt;
    options.onEvent({
      event: "cell-start",
      key: cell.key,
      label: cell.label,
      index,
      attempt,
      estimateS,
    }, cell);
    const result = await runChild(cell.spec, {
      timeoutMs: options.timeoutS * 1000,
      tmpDir: options.tmpDir,
      onProgress: (p) => options.onEvent({ ...p, key: cell.key, label: cell.label }, cell),
      ...(options.childEnv ? { env: options.childEnv } : {}),
    });
    if (result.ok) {
      const finished = new Date();
      const record: CellRecord = {
        schema: CELL_SCHEMA,
        runId: options.writer.runId,
        cellKey: cell.key,
        status: "ok",
        startedAt: started.toISOString(),
        finishedAt: finished.toISOString(),
        durationS: (finished.getTime() - started.getTime()) / 1000,
        model: result.outcome.model,
        task: cell.spec.task?.info ?? null,
        target: targetInfo(cell),
        settings: cell.spec.settings,
        quality: result.outcome.quality,
        efficiency: result.outcome.efficiency,
        sweep: result.outcome.sweep,
        environment: options.environment,
        error: null,
      };
      try {
        await options.writer.writeCell(record, result.outcome.samples);
        return record;
      } catch (err) {
        if (!(err instanceof ResultsError)) throw err;
        // An outcome that breaks the schema (a NaN score, say) is a failed cell, not a crash.
        last = { ok: false, reason: "error", message: err.message, stderrTail: "" };
        attemptsMade = attempt;
        break;
      }
    }
    last = result;
    // A caught error (bad input, a failing session.run) is deterministic: not retried.
    if (attempt < attempts && result.reason !== "error") {
      const delayMs = Math.min((options.backoffMs ?? 1000) * 2 ** (attempt - 1), 30_000);
      options.onEvent({
        event: "cell-retry",
        key: cell.key,
        label: cell.label,
        attempt,
        reason: result.reason,
        message: result.message,
        delayMs,
      }, cell);
      await sleep(delayMs);
    } else break;
  }
  const record = failureRecord(cell, options, started, last!, attemptsMade);
  await options.writer.writeCell(record, []);
  return record;
}

/** Runs the plan; every cell ends as a record in the store, whatever happens to it. */
export async function runPlan(
  plan: readonly PlannedCell[],
  options: RunPlanOptions,
): Promise<RunSummary> {
  const t0 = performance.now();
  const read = async (): Promise<CellRecord[]> =>
    (await readStore(options.store, { onWarning: options.onWarning ?? (() => {}) })).cells;
  const history = await read();
  const estimator = new Estimator(history);
  const done = options.fresh ? new Set<string>() : completedKeys(history);
  const todo = plan.filter((c) => !done.has(c.key));
  let skipped = plan.length - todo.length;
  for (const c of plan) {
    if (done.has(c.key)) {
      options.onEvent({ event: "cell-skip", key: c.key, label: c.label, why: "done" }, c);
    }
  }
  const estimates = new Map(todo.map((c) => [c.key, estimator.estimate(c)]));
  options.onEvent({
    event: "plan",
    runId: options.writer.runId,
    cells: todo.length,
    skipped,
    estimateS: [...estimates.values()].reduce((a, b) => a + b, 0),
  });
  // One lane per device: cells on the same device run one at a time.
  const lanes = new Map<string, PlannedCell[]>();
  for (const c of todo) {
    lanes.set(c.spec.target.device, [...lanes.get(c.spec.target.device) ?? [], c]);
  }
  const counts = { ok: 0, failed: 0, timeout: 0 };
  let index = 0;
  await Promise.all([...lanes.values()].map(async (cells) => {
    for (const cell of cells) {
      if (!options.fresh && completedKeys(await read()).has(cell.key)) {
        // Another eval writing to the same store finished it meanwhile.
        skipped++;
        options.onEvent({
          event: "cell-skip",
          key: cell.key,
          label: cell.label,
          why: "done-elsewhere",
        }, cell);
        continue;
      }
      const i = index++;
      const record = await runOne(cell, i, estimates.get(cell.key) ?? 0, options);
      counts[record.status]++;
      options.onEvent({
        event: "cell-end",
        key: cell.key,
        label: cell.label,
        index: i,
        status: record.status,
        durationS: record.durationS,
        error: record.error ? `${record.error.reason}: ${record.error.message}` : null,
      }, cell);
    }
  }));
  const summary = { ...counts, skipped, durationS: (performance.now() - t0) / 1000 };
  options.onEvent({ event: "run-end", runId: options.writer.runId, ...summary });
  return summary;
}
