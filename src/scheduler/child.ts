/**
 * The cell worker: a subprocess (`src/cli/cell.ts`) that runs cells one after
 * another for one (model, target), so the model and tokenizer load once and
 * the process starts once. It gets read access, write access to its own
 * temporary folder and FFI for ONNX Runtime: no network, no subprocesses.
 * Each cell is a line on the worker's stdin; progress and a `done` line come
 * back on its stdout; the outcome in a file; stderr is kept for failure
 * records. A crash, timeout or failure ends the worker, so only that cell
 * fails and the next cell gets a fresh one. The worker exits when its stdin
 * closes, so a killed scheduler leaves no orphans running.
 *
 * @module
 */
import type { CellError } from "../core/record.ts";
import { timerDelay } from "../core/time_limits.ts";
import type { CellOutcome, CellSpec, ChildProgress } from "./spec.ts";

/** The repository root (where deno.json is). */
export const REPO_ROOT: string = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

/** The worker entry point. */
export const CELL_ENTRY: string = `${REPO_ROOT}/src/cli/cell.ts`;

/** Exit code of a one-shot child that caught an error (kept for scripts). */
export const CHILD_ERROR_EXIT = 3;

/**
 * The deno binary for the child: this process's own executable when we may
 * run it, else `deno` from PATH (what `--allow-run=deno` grants).
 */
export function denoCommand(): string {
  try {
    const state = Deno.permissions.querySync({ name: "run", command: Deno.execPath() }).state;
    return state === "granted" ? Deno.execPath() : "deno";
  } catch {
    return "deno";
  }
}

/** Result of one attempt. */
export type AttemptResult =
  | {
    readonly ok: true;
    readonly outcome: CellOutcome;
    /** CPU time the worker used from the cell's first progress line to its end, in ms. */
    readonly cpuMs?: number;
  }
  | {
    readonly ok: false;
    readonly reason: CellError["reason"];
    readonly message: string;
    readonly stderrTail: string;
  };

/** One cell request on the worker's stdin. */
export interface WorkRequest {
  /** Spec file. */
  readonly spec: string;
  /** Where the worker writes the outcome. */
  readonly out: string;
}

/** The worker's answer on stdout once a cell is over. */
export interface WorkDone {
  /** Always `done`. */
  readonly event: "done";
  /** Whether the outcome file holds an outcome (else the error below). */
  readonly ok: boolean;
  /** The first line of the error, when not ok. */
  readonly error?: string;
  /** CPU time the worker process has used so far, in ms. */
  readonly cpuMs?: number;
}

/** Runs cells; {@linkcode CellWorker} is the real one, tests may pass a fake. */
export interface CellRunner {
  /**
   * Runs one attempt of a cell; never throws for a cell failure. `timeoutMs` must be a timer
   * delay (`timerDelay`): at most 2^31 - 1 ms.
   */
  run(
    spec: CellSpec,
    options: { timeoutMs: number; onProgress?: (p: ChildProgress) => void },
  ): Promise<AttemptResult>;
  /** Ends the worker. */
  close(): Promise<void>;
}

/** Options of {@linkcode CellWorker}. */
export interface WorkerOptions {
  /** Parent temporary folder; the worker's folder is made inside it and removed after. */
  readonly tmpDir: string;
  /** Extra environment variables for the worker. */
  readonly env?: Readonly<Record<string, string>>;
  /** Bytes of stderr kept for the failure record. */
  readonly stderrTailBytes?: number;
  /** Reuse one process for the cells of a (model, target); false starts one per cell. */
  readonly reuse?: boolean;
}

const OOM_PATTERNS = [
  /heap out of memory/i,
  /out of memory/i,
  /std::bad_alloc/,
  /failed to allocate memory/i,
  /Cannot allocate memory/i,
];

function tail(text: string, bytes: number): string {
  return text.length > bytes ? text.slice(text.length - bytes) : text;
}

async function drain(
  stream: ReadableStream<Uint8Array>,
  onLine: (line: string) => void,
): Promise<void> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buf = "";
  while (true) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = buf.indexOf("\n")) >= 0) {
      onLine(buf.slice(0, nl));
      buf = buf.slice(nl + 1);
    }
  }
  if (buf) onLine(buf);
}

/** Live worker processes, killed by {@linkcode killWorkersSync} on a signal. */
const LIVE = new Set<Deno.ChildProcess>();

/** Kills every live worker of this process (signal handlers call it). */
export function killWorkersSync(): void {
  for (const p of LIVE) {
    try {
      p.kill("SIGKILL");
    } catch { /* gone */ }
  }
  LIVE.clear();
}

/** What a worker is bound to: a cell with another binding needs another worker. */
export function workerBinding(spec: CellSpec): string {
  return JSON.stringify([spec.modelDir, spec.model.dtype, spec.target, spec.threads, spec.fault]);
}

interface Live {
  readonly proc: Deno.ChildProcess;
  readonly dir: string;
  readonly binding: string;
  readonly exited: Promise<Deno.CommandStatus>;
  readonly stdin: WritableStreamDefaultWriter<Uint8Array>;
  onDone: ((d: WorkDone) => void) | null;
  onProgress: ((p: ChildProgress) => void) | null;
  stderr: string;
}

/** A reusable cell worker process for one (model, target). */
export class CellWorker implements CellRunner {
  readonly #options: WorkerOptions;
  #live: Live | null = null;
  #seq = 0;

  /** A worker that starts its process on the first cell. */
  constructor(options: WorkerOptions) {
    this.#options = options;
  }

  async #start(spec: CellSpec): Promise<Live> {
    const dir = await Deno.makeTempDir({ dir: this.#options.tmpDir, prefix: "cell-" });
    const keep = (this.#options.stderrTailBytes ?? 4000) * 4;
    const proc = new Deno.Command(denoCommand(), {
      args: [
        "run",
        "--quiet",
        "--no-prompt",
        `--config=${REPO_ROOT}/deno.json`,
        "--allow-read",
        `--allow-write=${dir}`,
        "--allow-env",
        "--allow-ffi",
        "--allow-sys",
        // The out-of-memory test hook needs a small heap to fail quickly.
        ...(spec.fault === "oom" ? ["--v8-flags=--max-old-space-size=96"] : []),
        CELL_ENTRY,
      ],
      cwd: REPO_ROOT,
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
      env: {
        NO_COLOR: "1",
        DENO_NO_UPDATE_CHECK: "1",
        ORT_DISABLE_TELEMETRY: "1",
        ...this.#options.env,
      },
    }).spawn();
    LIVE.add(proc);
    const live: Live = {
      proc,
      dir,
      binding: workerBinding(spec),
      exited: proc.status,
      stdin: proc.stdin.getWriter(),
      onDone: null,
      onProgress: null,
      stderr: "",
    };
    drain(proc.stdout, (line) => {
      if (!line.trim()) return;
      try {
        const p = JSON.parse(line) as ChildProgress | WorkDone;
        if (p.event === "progress") live.onProgress?.(p);
        else if (p.event === "done") live.onDone?.(p);
      } catch { /* not a protocol line */ }
    }).catch(() => {});
    drain(proc.stderr, (line) => {
      live.stderr = tail(`${live.stderr}${line}\n`, keep);
    }).catch(() => {});
    return live;
  }

  async #stop(live: Live, kill: boolean): Promise<void> {
    if (this.#live === live) this.#live = null;
    if (kill) {
      try {
        live.proc.kill("SIGKILL");
      } catch { /* gone */ }
    }
    await live.stdin.close().catch(() => {});
    await live.exited.catch(() => {});
    LIVE.delete(live.proc);
    await Deno.remove(live.dir, { recursive: true }).catch(() => {});
  }

  /** @inheritdoc */
  async run(
    spec: CellSpec,
    options: { timeoutMs: number; onProgress?: (p: ChildProgress) => void },
  ): Promise<AttemptResult> {
    const delayMs = timerDelay(options.timeoutMs); // before any process starts
    const binding = workerBinding(spec);
    if (this.#live && (this.#live.binding !== binding || this.#options.reuse === false)) {
      await this.#stop(this.#live, false);
    }
    const live = this.#live ?? await this.#start(spec);
    this.#live = live;
    const n = ++this.#seq;
    const specPath = `${live.dir}/spec-${n}.json`;
    const outPath = `${live.dir}/outcome-${n}.json`;
    await Deno.writeTextFile(specPath, JSON.stringify(spec));
    live.stderr = "";
    let cpu0: number | undefined;
    live.onProgress = (p) => {
      cpu0 ??= p.cpuMs;
      options.onProgress?.(p);
    };
    const keep = this.#options.stderrTailBytes ?? 4000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    type Ending =
      | { kind: "done"; done: WorkDone }
      | { kind: "exit"; status: Deno.CommandStatus }
      | { kind: "timeout" };
    const ending = await new Promise<Ending>((resolve) => {
      live.onDone = (done) => resolve({ kind: "done", done });
      live.exited.then((status) => resolve({ kind: "exit", status }), () => {});
      timer = setTimeout(() => resolve({ kind: "timeout" }), delayMs);
      const line = JSON.stringify({ spec: specPath, out: outPath } satisfies WorkRequest);
      live.stdin.write(new TextEncoder().encode(line + "\n")).catch(() => {});
    });
    clearTimeout(timer);
    live.onDone = null;
    live.onProgress = null;
    try {
      if (ending.kind === "done" && ending.done.ok) {
        try {
          const outcome = JSON.parse(await Deno.readTextFile(outPath)) as CellOutcome;
          const used = cpu0 !== undefined && ending.done.cpuMs !== undefined
            ? { cpuMs: ending.done.cpuMs - cpu0 }
            : {};
          return { ok: true, outcome, ...used };
        } catch {
          await this.#stop(live, true);
          return {
            ok: false,
            reason: "crash",
            message: "reported done but wrote no outcome",
            stderrTail: tail(live.stderr, keep),
          };
        }
      }
      if (ending.kind === "done") {
        // A caught error: the worker may hold a half-used model; the next cell gets a fresh one.
        await this.#stop(live, true);
        return {
          ok: false,
          reason: "error",
          message: ending.done.error ?? "cell failed",
          stderrTail: tail(live.stderr, keep),
        };
      }
      await this.#stop(live, true);
      // Give the stderr reader a moment to take the last lines of a dead process.
      await new Promise((r) => setTimeout(r, 20));
      const stderrTail = tail(live.stderr, keep);
      if (ending.kind === "timeout") {
        return {
          ok: false,
          reason: "timeout",
          message: `timed out after ${options.timeoutMs / 1000} s and was killed`,
          stderrTail,
        };
      }
      const status = ending.status;
      if (OOM_PATTERNS.some((re) => re.test(live.stderr))) {
        return { ok: false, reason: "oom", message: "ran out of memory", stderrTail };
      }
      if (status.signal === "SIGKILL") {
        return {
          ok: false,
          reason: "oom",
          message: "killed by SIGKILL (likely the kernel's out-of-memory killer)",
          stderrTail,
        };
      }
      return {
        ok: false,
        reason: "crash",
        message: status.signal
          ? `crashed with signal ${status.signal}`
          : `exited with code ${status.code}`,
        stderrTail,
      };
    } finally {
      await Deno.remove(specPath).catch(() => {});
      await Deno.remove(outPath).catch(() => {});
    }
  }

  /** @inheritdoc */
  async close(): Promise<void> {
    if (this.#live) await this.#stop(this.#live, false);
  }
}
