/**
 * The overview's leaderboard: its controls, the sortable table of models and
 * reference systems, and the note on how the numbers are made.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import type { Report } from "../../../report/mod.ts";
import { LeaderboardControls } from "./leaderboard_controls.tsx";
import { DataTable } from "../data_table.tsx";
import { leaderboardColumns } from "./leaderboard_columns.tsx";
import { LeaderboardRows } from "./leaderboard_rows.tsx";
import { ReferenceRows } from "./leaderboard_refs.tsx";

/** The note under the table: references, normalisation, intervals, downloads. */
function LeaderboardNote(): Child {
  return (
    <p class="note">
      Rows marked <span class="badge">ref</span>{" "}
      are reference systems (the input copied, "no answer", the lead sentence): scored on the same
      samples, never ranked. A score in red is significantly below the best reference on its task.
      Normalisation: ROUGE (0–1) is multiplied by 100; BLEU, chrF and SQuAD F1 are already 0–100.
      The average's interval combines the task intervals in quadrature (tasks use disjoint samples).
      Per-task ranks use a paired bootstrap on per-sample scores when available. Download this table
      as <a href="data/overview.csv">CSV</a> or <a href="data/overview.json">JSON</a>.
    </p>
  );
}

/** The leaderboard section; `contended` flags (model, target) latency measured under contention. */
export function Leaderboard(p: { report: Report; contended: ReadonlySet<string> }): Child {
  const r = p.report;
  return (
    <section aria-labelledby="lb-h">
      <h2 id="lb-h">Leaderboard</h2>
      <LeaderboardControls report={r} />
      <DataTable
        id="lb"
        sortable
        cls="sticky"
        boxCls="lb-box"
        labelledBy="lb-h"
        caption={
          <>
            Primary metric of each task (normalised to 0–100) with its 95% interval; the average of
            the normalised scores; efficiency per target at batch size 1. Ranks marked “=” are
            statistically tied.
          </>
        }
        columns={leaderboardColumns(r)}
        rows={<LeaderboardRows report={r} contended={p.contended} />}
        more={<ReferenceRows report={r} />}
      />
      <LeaderboardNote />
    </section>
  );
}
