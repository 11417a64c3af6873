/**
 * Distillation gain: each distilled student minus its baseline, per task and
 * on average.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import type { Report } from "../../../report/mod.ts";
import { fmt, signed } from "../../format.ts";
import { ModelLink, TaskLink } from "../components.tsx";
import { DataTable } from "../data_table.tsx";

/** The distillation gain table. */
export function Distillation(p: { report: Report }): Child {
  const r = p.report;
  return (
    <section aria-labelledby="kd-h">
      <h2 id="kd-h">Distillation gain</h2>
      <DataTable
        sortable
        caption={
          <>
            Distilled student minus its baseline (same architecture and split), normalised points
            with a 95% interval: paired bootstrap over per-sample scores where both cells have them,
            else the two intervals in quadrature.
          </>
        }
        columns={[
          { label: "Student" },
          { label: "Baseline" },
          { label: "Task" },
          { label: "Gain", numeric: true },
          { label: "Interval" },
          { label: "Method" },
        ]}
        rows={r.kd.map((d) => (
          <tr class={d.taskId === "avg" ? "total" : undefined}>
            <td data-v={d.student}>
              <ModelLink id={d.student} />
            </td>
            <td data-v={d.baseline}>
              <ModelLink id={d.baseline} />
            </td>
            <td data-v={d.taskId}>
              {d.taskId === "avg" ? "average" : <TaskLink id={d.taskId} />}
            </td>
            <td
              class={`num ${d.delta.low > 0 ? "good" : d.delta.high < 0 ? "bad" : ""}`}
              data-v={d.delta.value}
            >
              {signed(d.delta.value)}
            </td>
            <td class="ci-col">{fmt(d.delta.low)} to {fmt(d.delta.high)}</td>
            <td>{d.method}</td>
          </tr>
        ))}
      />
    </section>
  );
}
