// deno-lint-ignore-file jsx-key -- server-rendered JSX: keys only matter to client-side reconciliation
/**
 * The tasks' asymmetry (input against reference length) beside the
 * encoder-decoder gap on each task.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import type { AsymmetryRow, Report } from "../../../report/mod.ts";
import { fmt, signed } from "../../format.ts";
import { TaskLink } from "../components.tsx";
import { DataTable } from "../data_table.tsx";

/** One task's row: its lengths, asymmetry ratio and encoder-decoder gap. */
function AsymmetryTr(p: { report: Report; row: AsymmetryRow }): Child {
  const a = p.row;
  const g = p.report.taskGaps.find((x) => x.taskId === a.taskId);
  return (
    <tr>
      <td data-v={a.taskId}>
        <TaskLink id={a.taskId} />
      </td>
      <td>{a.kind}</td>
      <td>{a.direction.replaceAll("_", " ")}</td>
      <td class="num" data-v={a.inputWords ?? ""}>{fmt(a.inputWords, 0)}</td>
      <td class="num" data-v={a.referenceWords ?? ""}>{fmt(a.referenceWords, 0)}</td>
      <td class="num" data-v={a.ratio ?? ""}>
        {a.ratio === null
          ? "—"
          : `${fmt(a.ratio, 2)}${a.ratioBasis === "tokens" ? " (tokens)" : ""}`}
      </td>
      <td class="num" data-v={g?.gap.value ?? ""}>
        {g
          ? (
            <>
              <span class="v">{signed(g.gap.value)}</span>
              <span class="ci">{fmt(g.gap.low)} to {fmt(g.gap.high)}</span>
            </>
          )
          : "—"}
      </td>
    </tr>
  );
}

/** The task asymmetry table. */
export function TaskAsymmetry(p: { report: Report }): Child {
  const r = p.report;
  return (
    <section aria-labelledby="tasks-h">
      <h2 id="tasks-h">Tasks: asymmetry and where the encoder pays off</h2>
      <DataTable
        sortable
        caption={
          <>
            Asymmetry ratio = mean input length / mean reference length (words). Gap =
            encoder-decoder baseline minus decoder-only baseline, normalised points.
          </>
        }
        columns={[
          { label: "Task" },
          { label: "Kind" },
          { label: "Direction" },
          { label: "Input words", numeric: true },
          { label: "Reference words", numeric: true },
          { label: "Asymmetry", numeric: true },
          { label: "Enc-dec gap", numeric: true },
        ]}
        rows={r.asymmetry.map((a) => <AsymmetryTr report={r} row={a} />)}
      />
    </section>
  );
}
