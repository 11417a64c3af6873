/**
 * The state of a hardware run's legs, from the GitHub Actions jobs of the run
 * (`GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs`): which legs are done
 * and how, which still run, and which have waited in the queue past their
 * machine's queue timeout (a self-hosted runner that is offline). The workflow
 * waits while {@link LegReport.waiting} and then collects what came: a leg whose
 * runner never came does not hold up the store, the site or next week's run.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";

/** The fields of a GitHub Actions job that the leg state reads. */
export interface ActionsJob {
  readonly name: string;
  /** `queued`, `in_progress`, `completed`, `waiting`, `requested` or `pending`. */
  readonly status: string;
  /** `success`, `failure`, `cancelled`, `skipped`, `timed_out`, ... once completed. */
  readonly conclusion: string | null;
  /** When the job was created (queued), ISO 8601. */
  readonly created_at: string;
}

/** One leg of the matrix, as `deno task machines --json` gives it. */
export interface MatrixLeg {
  readonly machine: string;
  readonly gating: boolean;
  /** Minutes a leg may wait for its runner. */
  readonly queue_timeout: number;
}

/** Where a leg stands. */
export type LegState = "done" | "running" | "queued" | "no runner" | "not created";

/** One leg's state. */
export interface LegStatus {
  readonly machine: string;
  readonly gating: boolean;
  readonly state: LegState;
  /** The job's conclusion once done (`success`, `failure`, ...), else null. */
  readonly conclusion: string | null;
  /** Minutes since the job was queued (null when not created yet). */
  readonly minutes: number | null;
}

/** Every leg's state, and whether the run's legs are still worth waiting for. */
export interface LegReport {
  /** True while a leg runs, or is queued (or not created) within its queue timeout. */
  readonly waiting: boolean;
  readonly legs: readonly LegStatus[];
}

/** The job name of a machine's leg (`run (<machine>)`, the workflow's `name:`). */
export function legJobName(machine: string): string {
  return `run (${machine})`;
}

/**
 * The state of every leg at `now`. `runStartedAt` bounds a leg whose job does not exist yet
 * (GitHub creates matrix jobs as the run starts): it counts as queued since then.
 */
export function legReport(
  jobs: readonly ActionsJob[],
  matrix: readonly MatrixLeg[],
  now: Date,
  runStartedAt: Date,
): LegReport {
  const legs = matrix.map((leg): LegStatus => {
    // A rerun of a job adds a job of the same name: the newest one counts.
    const job = jobs.filter((j) => j.name === legJobName(leg.machine))
      .sort((a, b) => a.created_at.localeCompare(b.created_at)).at(-1);
    const since = job ? new Date(job.created_at) : runStartedAt;
    const minutes = (now.getTime() - since.getTime()) / 60_000;
    const base = { machine: leg.machine, gating: leg.gating };
    if (job?.status === "completed") {
      return { ...base, state: "done", conclusion: job.conclusion, minutes };
    }
    if (job?.status === "in_progress") {
      return { ...base, state: "running", conclusion: null, minutes };
    }
    const late = minutes > leg.queue_timeout;
    return {
      ...base,
      state: late ? "no runner" : job ? "queued" : "not created",
      conclusion: null,
      minutes: job ? minutes : null,
    };
  });
  const waiting = legs.some((l) =>
    l.state === "running" || l.state === "queued" ||
    l.state === "not created"
  );
  return { waiting, legs };
}

/** The report as a Markdown table for the workflow's summary. */
export function legMarkdown(report: LegReport): string {
  const rows = report.legs.map((l) => {
    const what = l.state === "done"
      ? l.conclusion ?? "done"
      : l.state === "no runner"
      ? `no runner after ${Math.round(l.minutes ?? 0)} min in the queue (not collected)`
      : l.state;
    return `| ${l.machine} | ${l.gating ? "gating" : "informative"} | ${what} |`;
  });
  return ["| machine | role | leg |", "| --- | --- | --- |", ...rows].join("\n");
}

/**
 * Reads the jobs of a run from the API's JSON (`{"jobs": [...]}`) or a plain array.
 *
 * @throws {ConfigError} naming `file` and the field at fault.
 */
export function parseJobs(value: unknown, file: string): ActionsJob[] {
  const list = Array.isArray(value) ? value : value !== null && typeof value === "object" &&
      Array.isArray((value as { jobs?: unknown }).jobs)
    ? (value as { jobs: unknown[] }).jobs
    : null;
  if (list === null) {
    throw new ConfigError('expected the jobs of a run ({"jobs": [...]})', {
      file,
      field: "jobs",
    });
  }
  return list.map((j, i) => {
    const o = (j ?? {}) as Record<string, unknown>;
    for (const k of ["name", "status", "created_at"] as const) {
      if (typeof o[k] !== "string") {
        throw new ConfigError("must be a string", { file, field: `jobs.${i}.${k}`, value: o[k] });
      }
    }
    return {
      name: o.name as string,
      status: o.status as string,
      conclusion: typeof o.conclusion === "string" ? o.conclusion : null,
      created_at: o.created_at as string,
    };
  });
}
