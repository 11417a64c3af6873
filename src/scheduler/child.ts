/**
 * Running one cell in its own subprocess (`src/cli/cell.ts`) with a timeout.
 * The child gets only read access, write access to its own temporary folder,
 * and FFI for ONNX Runtime: no network, no subprocesses. Progress arrives as
 * JSON lines on the child's stdout; the outcome in a file; stderr is kept
 * for failure records. The child exits when its stdin closes, so a killed
 * scheduler leaves no orphans running.
 *
 * @module
 */
import type { CellError } from "../core/record.ts";
import type { CellOutcome, CellSpec, ChildProgress } from "./spec.ts";

/** The repository root (where deno.json is). */
export const REPO_ROOT: string = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

/** The child entry point. */
export const CELL_ENTRY: string = `${REPO_ROOT}/src/cli/cell.ts`;

/** Exit code of a child that caught an error and wrote it to its out file. */
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
  | { readonly ok: true; readonly outcome: CellOutcome }
  | {
    readonly ok: false;
    readonly reason: CellError["reason"];
    readonly message: string;
    readonly stderrTail: string;
  };

/** Options of {@linkcode runChild}. */
export interface ChildOptions {
  /** Wall-clock limit in milliseconds; the child is killed (SIGKILL) after it. */
  readonly timeoutMs: number;
  /** Parent temporary folder; the child's folder is made inside it and removed after. */
  readonly tmpDir: string;
  /** Called for each progress line. */
  readonly onProgress?: (p: ChildProgress) => void;
  /** Extra environment variables for the child. */
  readonly env?: Readonly<Record<string, string>>;
  /** Bytes of stderr kept for the failure record. */
  readonly stderrTailBytes?: number;
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

/** Runs one attempt of a cell in a subprocess. Never throws for a cell failure. */
export async function runChild(spec: CellSpec, options: ChildOptions): Promise<AttemptResult> {
  const dir = await Deno.makeTempDir({ dir: options.tmpDir, prefix: "cell-" });
  const specPath = `${dir}/spec.json`;
  const outPath = `${dir}/outcome.json`;
  await Deno.writeTextFile(specPath, JSON.stringify(spec));
  const keep = options.stderrTailBytes ?? 4000;
  let stderr = "";
  let timedOut = false;
  try {
    const child = new Deno.Command(denoCommand(), {
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
        "--spec",
        specPath,
        "--out",
        outPath,
      ],
      cwd: REPO_ROOT,
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
      env: { NO_COLOR: "1", ...options.env },
    }).spawn();
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        child.kill("SIGKILL");
      } catch { /* already gone */ }
    }, options.timeoutMs);
    const stdoutDone = drain(child.stdout, (line) => {
      if (!line.trim()) return;
      try {
        const p = JSON.parse(line) as ChildProgress;
        if (p.event === "progress") options.onProgress?.(p);
      } catch { /* not a progress line */ }
    });
    const stderrDone = drain(child.stderr, (line) => {
      stderr = tail(`${stderr}${line}\n`, keep * 4);
    });
    const status = await child.status;
    clearTimeout(timer);
    await Promise.all([stdoutDone, stderrDone]).catch(() => {});
    await child.stdin.close().catch(() => {});
    const stderrTail = tail(stderr, keep);
    if (timedOut) {
      return {
        ok: false,
        reason: "timeout",
        message: `timed out after ${options.timeoutMs / 1000} s and was killed`,
        stderrTail,
      };
    }
    if (status.success) {
      try {
        return { ok: true, outcome: JSON.parse(await Deno.readTextFile(outPath)) as CellOutcome };
      } catch {
        return { ok: false, reason: "crash", message: "exited 0 but wrote no outcome", stderrTail };
      }
    }
    if (OOM_PATTERNS.some((re) => re.test(stderr))) {
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
    if (status.code === CHILD_ERROR_EXIT) {
      let message = "cell failed";
      try {
        const out = JSON.parse(await Deno.readTextFile(outPath)) as { error?: string };
        if (out.error) message = out.error;
      } catch { /* keep the generic message */ }
      return { ok: false, reason: "error", message, stderrTail };
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
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}
