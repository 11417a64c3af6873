/**
 * A pull's progress as text for stderr. On a terminal: one line per file, redrawn in place
 * with bytes, rate and ETA at most every {@linkcode REDRAW_MS} ms, then left with its total.
 * Elsewhere (a log, CI): one line per file when it is done, nothing in between.
 *
 * @module
 */
import type { PullEvent } from "./pull.ts";
import { formatBytes } from "../core/format_bytes.ts";

/** The shortest time between two redraws of a file's line on a terminal, in ms. */
export const REDRAW_MS = 200;

/** `1 m 05 s`, `42 s`: a duration in whole seconds. */
export function formatSeconds(s: number): string {
  const total = Math.max(0, Math.round(s));
  const m = Math.floor(total / 60);
  return m > 0 ? `${m} m ${String(total % 60).padStart(2, "0")} s` : `${total} s`;
}

/** Where the text goes and what kind of stream it is. */
export interface ProgressOptions {
  /** Writes text (no newline added). */
  readonly write: (text: string) => void;
  /** Whether the stream is a terminal (lines redrawn in place). */
  readonly tty: boolean;
  /** The clock, in ms (`performance.now` by default). */
  readonly now?: () => number;
}

/** A listener for `pullModel`'s events that writes its progress. */
export function pullProgress(o: ProgressOptions): (event: PullEvent) => void {
  const now = o.now ?? (() => performance.now());
  const CLEAR = "\r\x1b[K";
  let file: { path: string; t0: number; from: number; drawn: number } | undefined;
  return (e) => {
    switch (e.kind) {
      case "resolved":
        o.write(`revision: ${e.sha} (from the ${e.from})\n`);
        return;
      case "note":
        o.write(`note: ${e.message}\n`);
        return;
      case "cached":
        o.write(`${e.path}  ${formatBytes(e.size)}  in the cache\n`);
        return;
      case "start":
        file = { path: e.path, t0: now(), from: -1, drawn: -Infinity };
        return;
      case "bytes": {
        if (!o.tty || file === undefined || file.path !== e.path) return;
        if (file.from < 0) file.from = e.done;
        const t = now();
        if (t - file.drawn < REDRAW_MS) return;
        file.drawn = t;
        const secs = (t - file.t0) / 1000;
        const rate = secs > 0 ? (e.done - file.from) / secs : 0;
        const eta = rate > 0 ? `  ETA ${formatSeconds((e.size - e.done) / rate)}` : "";
        o.write(
          `${CLEAR}${e.path}  ${formatBytes(e.done)} / ${formatBytes(e.size)}` +
            `${rate > 0 ? `  ${formatBytes(rate)}/s` : ""}${eta}`,
        );
        return;
      }
      case "done": {
        const secs = file?.path === e.path ? (now() - file.t0) / 1000 : 0;
        const resumed = e.fetched < e.size ? ` (resumed: ${formatBytes(e.fetched)} fetched)` : "";
        o.write(
          `${o.tty ? CLEAR : ""}${e.path}  ${formatBytes(e.size)}  downloaded in ` +
            `${secs.toFixed(1)} s${resumed}\n`,
        );
        file = undefined;
        return;
      }
    }
  };
}
