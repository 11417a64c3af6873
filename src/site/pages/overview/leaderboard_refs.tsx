// deno-lint-ignore-file jsx-key -- server-rendered JSX: keys only matter to client-side reconciliation
/**
 * The leaderboard's reference rows: reference systems scored on the same
 * samples, shown below the models and never ranked.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import { MEASURES, type ReferenceRow, type Report } from "../../../report/mod.ts";
import { CellLink, Ci } from "../components.tsx";

/** One reference system's row: its scores, dashes elsewhere. */
function ReferenceTr(p: { report: Report; reference: ReferenceRow }): Child {
  const { report: r, reference: ref } = p;
  return (
    <tr class="reference" data-kind="reference" data-id={ref.model.id}>
      <td class="num">
        <span class="badge" title="Reference system: not ranked">ref</span>
      </td>
      <th scope="row" class="model" title={ref.model.id}>
        {ref.model.id}
      </th>
      <td data-col="arch">reference</td>
      <td data-col="split">—</td>
      <td data-col="type">reference</td>
      <td class="num" data-col="params">—</td>
      {r.tasks.map((t) => {
        const s = ref.scores[t.info.id];
        return (
          <td class="num">
            {s
              ? (
                <CellLink cellKey={s.cellKey}>
                  <Ci iv={s.norm} />
                </CellLink>
              )
              : <Ci iv={null} />}
          </td>
        );
      })}
      <td class="num avg">
        <span class="na">—</span>
      </td>
      {r.targets.flatMap((t) =>
        MEASURES.map((m) => <td class="num" data-target={t.info.id} data-col={m.key}>—</td>)
      )}
    </tr>
  );
}

/** The leaderboard's `tbody` of reference systems; nothing when there are none. */
export function ReferenceRows(p: { report: Report }): Child {
  const r = p.report;
  if (r.references.length === 0) return null;
  return (
    <tbody class="refs">
      {r.references.map((ref) => <ReferenceTr report={r} reference={ref} />)}
    </tbody>
  );
}
