/**
 * Running a plan: skip cells already done (resume is the default), claim
 * each cell before it runs (a second eval on the same store skips or waits
 * for it), and run the rest in cell workers (one process per (model, target),
 * reused across its cells). Per device, the quality cells go first, side by
 * side in a pool of one-thread workers (longest first, each worker preferring
 * cells of the model it has loaded) under a shared device lock; then the
 * latency and sweep cells one at a time, each under the exclusive device
 * lock and with the load it ran under measured. Devices run side by side.
 * Failures are retried with exponential backoff, and every outcome (ok or
 * failed) is appended to this run's file. A cell another eval holds is waited for
 * with a line naming the holder every so often. An error that is no cell's failure
 * (a lock wait past `--lock-timeout`, a bug) stops the run: no cell starts and no
 * record is written after it, and `runPlan` rejects with it.
 *
 * @module
 */
import { ResultsError } from "../core/errors.ts";
import {
  CELL_SCHEMA,
  type CellError,
  type CellRecord,
  type Efficiency,
  type MeasuredLoad,
  type SampleRecord,
} from "../core/record.ts";
import type { Environment } from "../core/target.ts";
import { timerDelay } from "../core/time_limits.ts";
import { completedKeys } from "../results/select.ts";
import { StoreIndex } from "../results/store_index.ts";
import { type AttemptResult, type CellRunner, CellWorker } from "./child.ts";
import type { Claims } from "./claims.ts";
import { Estimator, wallEstimate } from "./estimate.ts";
import type { EventSink } from "./events.ts";
import { type LoadMeter, startLoad } from "./load.ts";
import type { Machine } from "./machine.ts";
import { describeOwner } from "./owner.ts";
import type { PlannedCell } from "./plan.ts";

/** Where a run appends its records (a `RunWriter`, or a fake in tests). */
export interface CellSink {
  /** This run's id. */
  readonly runId: string;
  /** Appends a cell's samples, then its record; throws `ResultsError` on a bad record. */
  writeCell(record: CellRecord, samples?: readonly SampleRecord[]): Promise<void>;
}

/** Options of {@linkcode runPlan}. */
export interface RunPlanOptions {
  /** Results folder (read for resume). */
  readonly store: string;
  /** Writer of this run's files. */
  readonly writer: CellSink;
  /**
   * Reads the store's cell records appended since the last call, the first call reading them
   * all; records may come again (default: a `StoreIndex` of `store`).
   */
  readonly readCells?: () => Promise<CellRecord[]>;
  /** This machine. */
  readonly environment: Environment;
  /** Temporary folder for the cells' files. */
  readonly tmpDir: string;
  /** Per-attempt time limit in seconds (at most `MAX_TIME_LIMIT_S`). */
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
  /**
   * Warnings from reading the store, and lines about waits: a cell another eval holds, a
   * claims lock another process holds.
   */
  readonly onWarning?: (message: string) => void;
  /** Quality workers side by side on a CPU device (default 1: one at a time, target threads). */
  readonly qualityWorkers?: number;
  /** Reuse a worker process across the cells of a (model, target) (default true). */
  readonly reuseWorkers?: boolean;
  /** Cell claims on the store (default: none, for a store only this run writes). */
  readonly claims?: Claims;
  /** Device locks and the evals register (default: none). */
  readonly machine?: Machine;
  /** Makes a cell runner (default: a {@linkcode CellWorker}). */
  readonly newRunner?: () => CellRunner;
  /** Quality-pass batching (default `split`; `window` is the earlier rule, for the bench). */
  readonly grouping?: "split" | "window";
  /** How long to wait between looks at a cell another eval holds, in ms (default 250). */
  readonly pollMs?: number;
  /** First line about a cell another eval holds after this many ms of waiting (default 3000). */
  readonly noticeAfterMs?: number;
  /** Later lines this many ms apart (default 30000). */
  readonly noticeEveryMs?: number;
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

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, timerDelay(ms)));

/** Why a run stopped early (the first error that was no cell's failure), once it has. */
interface Stop {
  error: unknown;
}

function targetInfo(cell: PlannedCell): CellRecord["target"] {
  const t = cell.spec.target;
  return { id: t.id, label: t.label, device: t.device, providers: t.providers, session: t.session };
}

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

/** The efficiency of an ok cell, with the load it ran under and whether it compares. */
function withLoad(cell: PlannedCell, e: Efficiency | null, load: MeasuredLoad): Efficiency | null {
  if (!e) return null;
  const timed = cell.spec.settings.profile !== "quality";
  return { ...e, load, forComparison: timed && !load.contended };
}

/** Runs a cell (with retries) and writes its record. */
async function runOne(
  cell: PlannedCell,
  index: number,
  estimateS: number,
  runner: CellRunner,
  threads: number | undefined,
  options: RunPlanOptions,
  stop: Stop,
): Promise<CellRecord> {
  const started = new Date();
  const attempts = options.retries + 1;
  const exclusive = cell.spec.settings.profile !== "quality";
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
    // Latency and sweep cells keep the device to themselves, across evals too.
    const unlock = exclusive && options.machine
      ? await options.machine.lockDevice(cell.spec.target.device, true)
      : () => {};
    if (stop.error !== null) {
      unlock();
      throw stop.error;
    }
    let result: AttemptResult;
    let load: MeasuredLoad;
    try {
      const others0 = await options.machine?.otherEvals() ?? 0;
      const spec = {
        ...cell.spec,
        ...(threads !== undefined ? { threads } : {}),
        ...(options.grouping ? { grouping: options.grouping } : {}),
      };
      let meter: LoadMeter | null = null;
      result = await runner.run(spec, {
        timeoutMs: options.timeoutS * 1000,
        onProgress: (p) => {
          // The load is measured from the worker's first progress line to its end.
          meter ??= startLoad(options.environment.cores);
          options.onEvent({ ...p, key: cell.key, label: cell.label }, cell);
        },
      });
      const others = Math.max(others0, await options.machine?.otherEvals() ?? 0);
      const cpuMs = result.ok ? result.cpuMs ?? null : null;
      load = (meter ?? startLoad(options.environment.cores)).stop(cpuMs, others);
    } finally {
      unlock();
    }
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
        efficiency: withLoad(cell, result.outcome.efficiency, load),
        sweep: result.outcome.sweep,
        environment: options.environment,
        error: null,
      };
      if (stop.error !== null) throw stop.error;
      try {
        await options.writer.writeCell(record, result.outcome.samples);
        return record;
      } catch (err) {
        if (!(err instanceof ResultsError)) throw err;
        // An outcome that breaks the schema (a NaN score, say) is a failed cell, not a crash.
        last = { ok: false, reason: "error", message: err.message, stderrTail: "" };
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
  // A worker killed because the run stopped did not fail: nothing is recorded.
  if (stop.error !== null) throw stop.error;
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
  // The store is read once here; before each cell, only what was appended since.
  const storeIndex = new StoreIndex(options.store, { onWarning: options.onWarning ?? (() => {}) });
  const read = options.readCells ?? (() => storeIndex.update());
  const recordId = (r: CellRecord): string => `${r.runId}\u0000${r.cellKey}`;
  const history = await read();
  const before = new Set(history.map(recordId));
  const estimator = new Estimator(history);
  const completed = completedKeys(history);
  const done = options.fresh ? new Set<string>() : new Set(completed);
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
    estimateS: wallEstimate(todo, (c) => estimates.get(c.key) ?? 0, options.qualityWorkers ?? 1),
  });
  const counts = { ok: 0, failed: 0, timeout: 0 };
  let index = 0;
  const newRunner = options.newRunner ??
    (() =>
      new CellWorker({
        tmpDir: options.tmpDir,
        ...(options.childEnv ? { env: options.childEnv } : {}),
        reuse: options.reuseWorkers ?? true,
      }));
  const pollMs = options.pollMs ?? 250;
  const stop: Stop = { error: null };

  /** Cells another run recorded since this run started. */
  const recordedElsewhere = new Set<string>();
  /** Whether another run recorded the cell since this run started (or it is done). */
  const doneElsewhere = async (key: string): Promise<boolean> => {
    const appended = await read();
    for (const k of completedKeys(appended)) completed.add(k);
    for (const r of appended) {
      if (r.runId !== options.writer.runId && !before.has(recordId(r))) {
        recordedElsewhere.add(r.cellKey);
      }
    }
    if (!options.fresh && completed.has(key)) return true;
    return recordedElsewhere.has(key);
  };

  /**
   * Claims and runs one cell: "ran", "skipped" (another eval did it), or
   * "held" (a live eval holds it now: come back later).
   */
  const attempt = async (
    cell: PlannedCell,
    runner: CellRunner,
    threads: number | undefined,
  ): Promise<"ran" | "skipped" | "held"> => {
    if (stop.error !== null) throw stop.error;
    if (options.claims && await options.claims.claim(cell.key)) return "held";
    try {
      if (await doneElsewhere(cell.key)) {
        skipped++;
        options.onEvent({
          event: "cell-skip",
          key: cell.key,
          label: cell.label,
          why: "done-elsewhere",
        }, cell);
        return "skipped";
      }
      const i = index++;
      const estimateS = estimates.get(cell.key) ?? 0;
      const record = await runOne(cell, i, estimateS, runner, threads, options, stop);
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
      return "ran";
    } finally {
      await options.claims?.release(cell.key);
    }
  };

  /**
   * Cells held by another eval: waited for once everything else is done, with a line naming
   * the holder after `noticeAfterMs` and then every `noticeEveryMs`.
   */
  const waitHeld = async (
    held: PlannedCell[],
    runner: CellRunner,
    threads: number | undefined,
  ): Promise<void> => {
    const noticeAfter = options.noticeAfterMs ?? 3000;
    const noticeEvery = options.noticeEveryMs ?? 30_000;
    const t0 = performance.now();
    let nextNotice = noticeAfter;
    let queue = held;
    while (queue.length > 0) {
      await sleep(pollMs);
      if (stop.error !== null) throw stop.error;
      const next: PlannedCell[] = [];
      const holders: string[] = [];
      for (const cell of queue) {
        const holder = await options.claims?.holder(cell.key);
        if (holder) {
          next.push(cell);
          holders.push(`${cell.label} (${describeOwner(holder)})`);
        } else if (await attempt(cell, runner, threads) === "held") next.push(cell);
      }
      queue = next;
      const waited = performance.now() - t0;
      if (holders.length > 0 && waited >= nextNotice) {
        options.onWarning?.(
          `waiting ${Math.round(waited / 1000)} s for ${holders.length} cell(s) another ` +
            `eval holds: ${holders.join("; ")}`,
        );
        while (nextNotice <= waited) nextNotice += noticeEvery;
      }
    }
  };

  /** Runs a lane; its error stops the whole run (other lanes start nothing more). */
  const lane = async (work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (err) {
      if (stop.error === null) stop.error = err;
      throw err;
    }
  };

  /** The quality cells of one device: a pool of workers, longest first. */
  const qualityPool = async (cells: PlannedCell[], workers: number): Promise<void> => {
    const queue = [...cells].sort((a, b) =>
      (estimates.get(b.key) ?? 0) - (estimates.get(a.key) ?? 0)
    );
    const threads = workers > 1 ? 1 : undefined;
    const held: PlannedCell[] = [];
    await Promise.all(Array.from({ length: Math.min(workers, queue.length) }, async () => {
      const runner = newRunner();
      let model: string | null = null;
      try {
        while (queue.length > 0 && stop.error === null) {
          // Prefer the longest cell of the model this worker has loaded, else the longest.
          const mine = queue.findIndex((c) => c.spec.modelDir === model);
          const [cell] = queue.splice(mine >= 0 ? mine : 0, 1);
          if (!cell) break;
          model = cell.spec.modelDir;
          if (await attempt(cell, runner, threads) === "held") held.push(cell);
        }
        if (held.length > 0) await waitHeld(held.splice(0), runner, threads);
      } finally {
        await runner.close();
      }
    }));
  };

  /** The latency and sweep cells of one device, one at a time. */
  const timedLane = async (cells: PlannedCell[]): Promise<void> => {
    const runner = newRunner();
    const held: PlannedCell[] = [];
    try {
      for (const cell of cells) {
        if (await attempt(cell, runner, undefined) === "held") held.push(cell);
      }
      await waitHeld(held, runner, undefined);
    } finally {
      await runner.close();
    }
  };

  const devices = new Map<string, PlannedCell[]>();
  for (const c of todo) {
    devices.set(c.spec.target.device, [...devices.get(c.spec.target.device) ?? [], c]);
  }
  await Promise.all([...devices.entries()].map(([device, cells]) =>
    lane(async () => {
      const quality = cells.filter((c) => c.spec.settings.profile === "quality");
      const timed = cells.filter((c) => c.spec.settings.profile !== "quality");
      if (quality.length > 0) {
        // Quality cells share the device with other evals' quality cells, never with latency.
        const unlock = options.machine ? await options.machine.lockDevice(device, false) : () => {};
        try {
          const cpu = quality.every((c) => c.spec.target.providers.every((p) => p.name === "cpu"));
          await qualityPool(quality, cpu ? Math.max(1, options.qualityWorkers ?? 1) : 1);
        } finally {
          unlock();
        }
      }
      await timedLane(timed);
    })
  ));
  const summary = { ...counts, skipped, durationS: (performance.now() - t0) / 1000 };
  options.onEvent({ event: "run-end", runId: options.writer.runId, ...summary });
  return summary;
}
