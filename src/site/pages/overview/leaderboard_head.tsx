// deno-lint-ignore-file jsx-key -- server-rendered JSX: keys only matter to client-side reconciliation
/**
 * The leaderboard's header row: rank, model, the optional model columns, one
 * column per task, the average, and per target one column per measure.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import { type Measure, MEASURES, type Report, type TaskSummary } from "../../../report/mod.ts";
import { tooltip } from "../../glossary.ts";
import { SortTh } from "../components.tsx";

/** The sample count of a task's scores: one number, a range, or — when none. */
function taskN(r: Report, taskId: string): string {
  const ns = r.rows.flatMap((row) => row.scores[taskId]?.n ?? []);
  if (ns.length === 0) return "—";
  const lo = Math.min(...ns), hi = Math.max(...ns);
  return lo === hi ? String(lo) : `${lo}–${hi}`;
}

/** A task's column header: its id (breakable at underscores), primary metric and n. */
function TaskTh(p: { report: Report; task: TaskSummary }): Child {
  const t = p.task;
  return (
    <SortTh
      label={
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
            {t.primary.slice(t.primary.lastIndexOf(".") + 1)} · n {taskN(p.report, t.info.id)}
          </small>
        </>
      }
      title={`${t.info.id}: ${t.primary}; n = samples per model`}
      numeric
      cls="task"
      sortKey={`task-${t.info.id}`}
      name={`${t.info.id} ${t.primary}`}
    />
  );
}

/** One measure's column header on one target. */
function MeasureTh(p: { measure: Measure; targetId: string }): Child {
  return (
    <SortTh
      label={
        <>
          {p.measure.label}
          <small>
            {p.targetId}
            {p.measure.unit ? `, ${p.measure.unit}` : ""}
          </small>
        </>
      }
      numeric
      title={tooltip(p.measure.key)}
      target={p.targetId}
      col={p.measure.key}
      sortKey={`${p.measure.key}-${p.targetId}`}
      name={`${p.measure.name} on ${p.targetId}`}
    />
  );
}

/** The leaderboard's `thead`. */
export function LeaderboardHead(p: { report: Report }): Child {
  const r = p.report;
  return (
    <thead>
      <tr>
        <SortTh
          label="Rank"
          numeric
          title={tooltip("tie")}
          sortKey="rank"
          name="rank"
        />
        <SortTh label="Model" sortKey="model" name="model" cls="model" />
        <SortTh label="Arch" col="arch" sortKey="arch" name="architecture" />
        <SortTh
          label="Split"
          col="split"
          sortKey="split"
          name="split"
          title={tooltip("split")}
        />
        <SortTh label="Type" col="type" sortKey="type" name="type" />
        <SortTh label="Params" numeric col="params" sortKey="params" name="parameters" />
        {r.tasks.map((t) => <TaskTh report={r} task={t} />)}
        <SortTh
          label={
            <>
              Avg<small>0–100</small>
            </>
          }
          numeric
          cls="avg"
          title={tooltip("avg")}
          sortKey="avg"
          name="average"
        />
        {r.targets.flatMap((t) =>
          MEASURES.map((m) => <MeasureTh measure={m} targetId={t.info.id} />)
        )}
      </tr>
    </thead>
  );
}
