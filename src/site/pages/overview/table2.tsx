/**
 * The paper's Table 2 (first-token latency and throughput on its platforms)
 * beside the numbers measured here.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import type { Report } from "../../../report/mod.ts";
import { fmt, ms } from "../../format.ts";
import { ModelLink, TargetLink } from "../components.tsx";
import { DataTable } from "../data_table.tsx";

/** The paper's Table 2 beside the measured numbers. */
export function Table2(p: { report: Report }): Child {
  const r = p.report;
  return (
    <section aria-labelledby="t2-h">
      <h2 id="t2-h">The paper's Table 2 beside measured numbers</h2>
      <DataTable
        caption={
          <>
            330M models in the paper; the measured rows pair the decoder-only baseline with the
            encoder-decoder baseline (2/3-1/3 split) on each target. Columns marked <em>paper</em>
            {" "}
            are the paper's own numbers, not measurements of this project.
          </>
        }
        columns={[
          { label: "Platform" },
          { label: "Target" },
          { label: "Model" },
          { label: "First token, ms (paper)", numeric: true, cls: "paper" },
          { label: "First token, ms (measured)", numeric: true },
          { label: "Throughput, tok/s (paper)", numeric: true, cls: "paper" },
          { label: "Throughput, tok/s (measured)", numeric: true },
        ]}
        rows={r.table2.map((t) => (
          <tr>
            <td>{t.platform}</td>
            <td>
              {t.targetId ? <TargetLink id={t.targetId} /> : <span class="na">not measured</span>}
            </td>
            <td>
              {t.model}
              {t.modelId
                ? (
                  <>
                    {" "}(<ModelLink id={t.modelId} />)
                  </>
                )
                : null}
            </td>
            <td class="num paper">{fmt(t.paperTtftMs, 0)}</td>
            <td class="num">{ms(t.measuredTtftMs)}</td>
            <td class="num paper">{fmt(t.paperTokensPerS, 1)}</td>
            <td class="num">{fmt(t.measuredTokensPerS, 1)}</td>
          </tr>
        ))}
      />
    </section>
  );
}
