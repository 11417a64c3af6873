/**
 * The leaderboard's columns: rank, model, the optional model columns, one
 * column per task, the average, and per target one column per measure.
 *
 * @module
 */
import { type Measure, MEASURES, type Report, type TaskSummary } from "../../../report/mod.ts";
import { tooltip } from "../../glossary.ts";
import type { Column } from "../data_table.tsx";

/** The sample count of a task's scores: one number, a range, or — when none. */
function taskN(r: Report, taskId: string): string {
  const ns = r.rows.flatMap((row) => row.scores[taskId]?.n ?? []);
  if (ns.length === 0) return "—";
  const lo = Math.min(...ns), hi = Math.max(...ns);
  return lo === hi ? String(lo) : `${lo}–${hi}`;
}

/** A task's column: its id (breakable at underscores), primary metric and n. */
function taskColumn(r: Report, t: TaskSummary): Column {
  return {
    label: (
      <>
        {t.info.id.split("_").map((part, i) =>
          i === 0 ? part : (
            <>
              _<wbr />
              {part}
            </>
          )
        )}
        <small>
          {t.primary.slice(t.primary.lastIndexOf(".") + 1)} · n {taskN(r, t.info.id)}
        </small>
      </>
    ),
    title: `${t.info.id}: ${t.primary}; n = samples per model`,
    numeric: true,
    cls: "task",
    sortKey: `task-${t.info.id}`,
    name: `${t.info.id} ${t.primary}`,
  };
}

/** One measure's column on one target. */
function measureColumn(m: Measure, targetId: string): Column {
  return {
    label: (
      <>
        {m.label}
        <small>
          {targetId}
          {m.unit ? `, ${m.unit}` : ""}
        </small>
      </>
    ),
    numeric: true,
    title: tooltip(m.key),
    target: targetId,
    col: m.key,
    sortKey: `${m.key}-${targetId}`,
    name: `${m.name} on ${targetId}`,
  };
}

/** The leaderboard's columns, in order. */
export function leaderboardColumns(r: Report): Column[] {
  return [
    { label: "Rank", numeric: true, title: tooltip("tie"), sortKey: "rank", name: "rank" },
    { label: "Model", sortKey: "model", name: "model", cls: "model" },
    { label: "Arch", col: "arch", sortKey: "arch", name: "architecture" },
    { label: "Split", col: "split", sortKey: "split", name: "split", title: tooltip("split") },
    { label: "Type", col: "type", sortKey: "type", name: "type" },
    { label: "Params", numeric: true, col: "params", sortKey: "params", name: "parameters" },
    ...r.tasks.map((t) => taskColumn(r, t)),
    {
      label: (
        <>
          Avg<small>0–100</small>
        </>
      ),
      numeric: true,
      cls: "avg",
      title: tooltip("avg"),
      sortKey: "avg",
      name: "average",
    },
    ...r.targets.flatMap((t) => MEASURES.map((m) => measureColumn(m, t.info.id))),
  ];
}
