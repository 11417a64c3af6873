// deno-lint-ignore-file jsx-key -- server-rendered JSX: keys only matter to client-side reconciliation
/**
 * The leaderboard's model rows: rank, model, the optional model columns, the
 * score per task, the average, and per target one cell per measure.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import {
  type LeaderboardRow,
  type Measure,
  MEASURES,
  type Report,
  targetValue,
  type TaskScore,
} from "../../../report/mod.ts";
import { fmt, params } from "../../format.ts";
import { measureText } from "../../measure_text.ts";
import { archClass, ArchTag, CellLink, Ci, kindOf, ModelLink, RankLabel } from "../components.tsx";
import { contendedKey } from "./contended.ts";

/** A model's score on one task, linked to its cell; red when below the best reference. */
function ScoreCell(p: { score: TaskScore | undefined }): Child {
  const s = p.score;
  return (
    <td
      class={`num${s?.vsReference?.verdict === "below" ? " below-ref" : ""}`}
      data-v={s?.norm.value ?? ""}
      title={s?.vsReference
        ? `${s.vsReference.verdict} ${s.vsReference.referenceId} (${
          fmt(s.vsReference.reference.value)
        }); n ${s.n}`
        : s
        ? `n ${s.n}`
        : undefined}
    >
      {s
        ? (
          <CellLink cellKey={s.cellKey}>
            <Ci iv={s.norm} />
          </CellLink>
        )
        : <Ci iv={null} />}
    </td>
  );
}

/** One measure of a model on one target; shaded and starred when measured under contention. */
function EfficiencyCell(
  p: { measure: Measure; targetId: string; value: number | null | undefined; busy: boolean },
): Child {
  const { measure: m, value: v, busy } = p;
  return (
    <td
      class={busy ? "num contended" : "num"}
      data-target={p.targetId}
      data-col={m.key}
      data-v={v ?? ""}
      title={busy ? "Measured under contention: not for comparison" : undefined}
    >
      {measureText(m, v)}
      {busy ? <span class="flag" aria-label="measured under contention">*</span> : null}
    </td>
  );
}

/** One model's row. */
function ModelRow(
  p: { report: Report; row: LeaderboardRow; contended: ReadonlySet<string> },
): Child {
  const { report: r, row } = p;
  const m = row.model;
  return (
    <tr data-arch={m.architecture} data-kind={kindOf(m)} data-id={m.id}>
      <td class="num" data-v={row.rank?.rank ?? ""}>
        <RankLabel rank={row.rank} />
      </td>
      <th
        scope="row"
        data-v={m.id}
        class={`model ${archClass(m.architecture)}`}
        title={m.id}
      >
        <ModelLink id={m.id} />
      </th>
      <td data-col="arch">
        <ArchTag arch={m.architecture} />
      </td>
      <td data-col="split">{m.split ?? "—"}</td>
      <td data-col="type">{kindOf(m)}</td>
      <td class="num" data-col="params" data-v={m.params.total}>
        {params(m.params.total)}
      </td>
      {r.tasks.map((t) => <ScoreCell score={row.scores[t.info.id]} />)}
      <td class="num avg" data-v={row.average?.value ?? ""}>
        <Ci iv={row.average} />
      </td>
      {r.targets.flatMap((t) => {
        const e = row.efficiency[t.info.id];
        const busy = p.contended.has(contendedKey(m.id, t.info.id));
        return MEASURES.map((measure) => (
          <EfficiencyCell
            measure={measure}
            targetId={t.info.id}
            value={e === undefined ? undefined : targetValue(measure, e)}
            busy={busy}
          />
        ));
      })}
    </tr>
  );
}

/** The leaderboard's rows of ranked models (its first `tbody`). */
export function LeaderboardRows(p: { report: Report; contended: ReadonlySet<string> }): Child {
  return (
    <>
      {p.report.rows.map((row) => <ModelRow report={p.report} row={row} contended={p.contended} />)}
    </>
  );
}
