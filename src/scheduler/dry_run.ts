/** `eval --dry-run`: the plan with estimated times, as text or JSON. @module */
import { completedKeys } from "../results/select.ts";
import { readStore } from "../results/reader.ts";
import { Estimator } from "./estimate.ts";
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
  const total = rows.reduce((s, r) => s + r.estimateS, 0);
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
      `(one cell at a time per device)`,
  );
  return lines.join("\n");
}
