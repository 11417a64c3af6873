/**
 * The cells that did not finish (failed, timed out, out of memory), each
 * linked to its record.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import type { Report } from "../../../report/mod.ts";
import { CellLink, ModelLink } from "../components.tsx";
import { DataTable } from "../data_table.tsx";

/** The unfinished cells; nothing when every cell finished. */
export function Failures(p: { report: Report }): Child {
  const r = p.report;
  if (r.failures.length === 0) return null;
  return (
    <section aria-labelledby="fail-h">
      <h2 id="fail-h">Cells that did not finish</h2>
      <DataTable
        caption={<>Cells that failed, timed out or ran out of memory; each links to its record.</>}
        columns={[
          { label: "Cell" },
          { label: "Model" },
          { label: "Task" },
          { label: "Target" },
          { label: "Profile" },
          { label: "Status" },
          { label: "Message" },
        ]}
        rows={r.failures.map((f) => (
          <tr>
            <td>
              <CellLink cellKey={f.cellKey} />
            </td>
            <td>
              <ModelLink id={f.modelId} />
            </td>
            <td>{f.taskId ?? "—"}</td>
            <td>{f.targetId}</td>
            <td>{f.profile}</td>
            <td>
              <span class="badge bad">{f.status}</span>
            </td>
            <td>{f.message}</td>
          </tr>
        ))}
      />
    </section>
  );
}
