/**
 * The overview's task groups: each model's average over a group of tasks
 * (asymmetric against symmetric, and per task family).
 *
 * @module
 */
import type { Child } from "hono/jsx";
import type { Report } from "../../../report/mod.ts";
import { groupRows, taskGroups } from "../../groups.ts";
import { archClass, Ci, ModelLink, Term } from "../components.tsx";
import { DataTable } from "../data_table.tsx";

/** The task-group table; nothing when the report has no group. */
export function Groups(p: { report: Report }): Child {
  const groups = taskGroups(p.report);
  const rows = groupRows(p.report, groups);
  if (groups.length === 0) return null;
  return (
    <section aria-labelledby="groups-h">
      <h2 id="groups-h">Task groups</h2>
      <DataTable
        sortable
        labelledBy="groups-h"
        caption={
          <>
            Each model's average over a group of tasks (normalised 0–100, 95% interval in
            quadrature, as the overall average): <Term k="asymmetric">asymmetric</Term>{" "}
            against symmetric tasks, and per task family. Empty where the model lacks a task of the
            group.
          </>
        }
        columns={[
          { label: "Model" },
          ...groups.map((g) => ({
            label: (
              <>
                {g.label}
                <small>
                  {g.by} · {g.tasks.length} {g.tasks.length === 1 ? "task" : "tasks"}
                </small>
              </>
            ),
            title: `${g.by} ${g.label}: ${g.tasks.join(", ")}`,
            numeric: true,
            name: `${g.by} ${g.label}`,
          })),
        ]}
        rows={rows.map((row) => (
          <tr>
            <th scope="row" data-v={row.modelId} class={`model ${archClass(row.architecture)}`}>
              <ModelLink id={row.modelId} />
            </th>
            {row.averages.map((iv) => (
              <td class="num" data-v={iv?.value ?? ""}>
                <Ci iv={iv} />
              </td>
            ))}
          </tr>
        ))}
      />
    </section>
  );
}
