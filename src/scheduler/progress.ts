/**
 * Progress output: live bars (overall with ETA, and the current cell) on a
 * terminal; plain lines in CI or when output is not a terminal; JSON lines
 * with `--json`.
 *
 * @module
 */
import type { EventSink, RunEvent } from "./events.ts";

/** Output modes. */
export type ProgressMode = "tty" | "plain" | "json";

/** Picks the mode: json if asked, tty on a terminal outside CI, else plain. */
export function progressMode(json: boolean): ProgressMode {
  if (json) return "json";
  const ci = (() => {
    try {
      return Deno.env.get("CI") !== undefined;
    } catch {
      return false;
    }
  })();
  return !ci && Deno.stdout.isTerminal() ? "tty" : "plain";
}

function fmtS(s: number): string {
  if (!Number.isFinite(s) || s < 0) return "?";
  if (s < 60) return `${s.toFixed(0)}s`;
  return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, "0")}s`;
}

function bar(fraction: number, width = 24): string {
  const f = Math.max(0, Math.min(1, fraction));
  const full = Math.round(f * width);
  return `[${"#".repeat(full)}${"-".repeat(width - full)}]`;
}

/** A progress reporter: an event sink plus a final flush. */
export interface Reporter {
  /** Receives events. */
  readonly sink: EventSink;
  /** Clears any live display. */
  close(): void;
}

/** Makes a reporter writing to `write` (default: stdout). */
export function createReporter(
  mode: ProgressMode,
  write: (text: string) => void = (t) => Deno.stdout.writeSync(new TextEncoder().encode(t)),
): Reporter {
  if (mode === "json") {
    return { sink: (e) => write(JSON.stringify(e) + "\n"), close: () => {} };
  }
  let total = 0;
  let finished = 0;
  let estimateTotal = 0;
  let estimateDone = 0;
  let current:
    | { label: string; estimateS: number; start: number; phase: string; frac: number }
    | null = null;
  const start = performance.now();
  let live = false;
  const elapsed = (): number => (performance.now() - start) / 1000;
  const eta = (): number => {
    const remaining = Math.max(0, estimateTotal - estimateDone);
    const pace = estimateDone > 0 ? elapsed() / estimateDone : 1;
    return remaining * pace;
  };
  const line = (e: RunEvent): string | null => {
    switch (e.event) {
      case "plan":
        return `run ${e.runId}: ${e.cells} cells to run, ${e.skipped} already done, ` +
          `estimated ${fmtS(e.estimateS)}`;
      case "cell-start":
        return e.attempt > 1 ? `retry ${e.attempt}: ${e.label}` : null;
      case "cell-retry":
        return `  ${e.label}: ${e.reason}: ${e.message}; retrying in ${fmtS(e.delayMs / 1000)}`;
      case "cell-end":
        return `[${finished}/${total}] ${e.status.padEnd(7)} ${e.label} (${
          e.durationS.toFixed(1)
        }s)` +
          (e.error ? ` ${e.error}` : "");
      case "run-end":
        return `done in ${
          fmtS(e.durationS)
        }: ${e.ok} ok, ${e.failed} failed, ${e.timeout} timed out, ` +
          `${e.skipped} skipped (run ${e.runId})`;
      default:
        return null;
    }
  };
  const clear = (): void => {
    if (live) write("\r\x1b[K\x1b[1A\r\x1b[K");
    live = false;
  };
  const draw = (): void => {
    if (mode !== "tty" || total === 0 || finished >= total) return;
    const overall = `${bar(total ? finished / total : 0)} ${finished}/${total} cells, ` +
      `elapsed ${fmtS(elapsed())}, ETA ${fmtS(eta())}`;
    const cell = current ? `${bar(current.frac, 16)} ${current.label} ${current.phase}` : "";
    write(`${overall}\n${cell.slice(0, 120)}`);
    live = true;
  };
  return {
    sink: (e) => {
      if (e.event === "plan") {
        total = e.cells;
        estimateTotal = e.estimateS;
      } else if (e.event === "cell-start") {
        current = {
          label: e.label,
          estimateS: e.estimateS,
          start: performance.now(),
          phase: "start",
          frac: 0,
        };
      } else if (e.event === "progress" && current) {
        current.phase = e.total === 1000
          ? `${e.phase} ${Math.round(e.done / 10)}%`
          : `${e.phase} ${e.done}/${e.total}`;
        current.frac = e.total > 0 ? e.done / e.total : 0;
        if (mode === "plain") return;
      } else if (e.event === "cell-end") {
        finished++;
        estimateDone += current?.estimateS ?? 0;
        current = null;
      } else if (e.event === "cell-skip") {
        return;
      }
      const text = line(e);
      clear();
      if (text !== null) write(text + "\n");
      draw();
    },
    close: () => clear(),
  };
}
