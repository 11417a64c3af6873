/** `eval --dry-run`: the plan with estimated times, as text or JSON. @module */
import { completedKeys } from "../results/select.ts";
import { readStore } from "../results/reader.ts";
import { Estimator, wallEstimate } from "./estimate.ts";
import type { PlannedCell } from "./plan.ts";

function fmtS(s: number): string {
  return s < 60
    ? `${s.toFixed(1)}s`
    : `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, "0")}s`;
}

/** Describes the plan: each cell, whether it is already done, and the estimated time. */
export async function dryRun(
  plan: readonly PlannedCell[],
  store: string,
  json: boolean,
  workers = 1,
): Promise<string> {
  const { cells } = await readStore(store, { onWarning: () => {} });
  const done = completedKeys(cells);
  const est = new Estimator(cells);
  const rows = plan.map((c) => ({
    key: c.key,
    label: c.label,
    done: done.has(c.key),
    estimateS: done.has(c.key) ? 0 : est.estimate(c),
  }));
  const byKey = new Map(rows.map((r) => [r.key, r.estimateS]));
  const total = wallEstimate(
    plan.filter((c) => !done.has(c.key)),
    (c) => byKey.get(c.key) ?? 0,
    workers,
  );
  if (json) {
    return JSON.stringify({
      event: "dry-run",
      cells: rows,
      toRun: rows.filter((r) => !r.done).length,
      estimateS: total,
    });
  }
  const lines = rows.map((r) =>
    `${r.done ? "done " : "run  "} ${
      r.done ? "      " : fmtS(r.estimateS).padStart(6)
    }  ${r.label}  ${r.key.slice(0, 12)}`
  );
  lines.push(
    `${rows.filter((r) => !r.done).length} of ${rows.length} cells to run, estimated ${
      fmtS(total)
    } ` +
      `(wall time: ${workers} quality worker${
        workers === 1 ? "" : "s"
      } side by side, then latency one cell at a time per device)`,
  );
  return lines.join("\n");
}
