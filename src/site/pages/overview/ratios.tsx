/**
 * Encoder-decoder against decoder-only: each encoder-decoder model against
 * its decoder-only counterpart, per target.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import type { Report } from "../../../report/mod.ts";
import { fmt, ms } from "../../format.ts";
import { ModelLink, TargetLink } from "../components.tsx";
import { DataTable } from "../data_table.tsx";

/** The architecture ratio table (TTFT lower by, throughput ratio). */
export function Ratios(p: { report: Report }): Child {
  const r = p.report;
  return (
    <section aria-labelledby="ratio-h">
      <h2 id="ratio-h">Encoder-decoder against decoder-only</h2>
      <DataTable
        sortable
        caption={
          <>
            Each encoder-decoder model against the decoder-only model with the same distillation
            status (nearest size), per target: the paper's “47% lower TTFT, 4.7× throughput”.
          </>
        }
        columns={[
          { label: "Target" },
          { label: "Enc-dec" },
          { label: "Split" },
          { label: "Dec-only" },
          { label: "TTFT enc-dec, ms", numeric: true },
          { label: "TTFT dec-only, ms", numeric: true },
          { label: "TTFT lower by", numeric: true },
          { label: "Throughput ratio", numeric: true },
        ]}
        rows={r.ratios.map((x) => (
          <tr>
            <td>
              <TargetLink id={x.targetId} />
            </td>
            <td data-v={x.encDec}>
              <ModelLink id={x.encDec} />
            </td>
            <td>{x.split ?? "—"}</td>
            <td data-v={x.decOnly}>
              <ModelLink id={x.decOnly} />
            </td>
            <td class="num" data-v={x.encDecTtftMs}>{ms(x.encDecTtftMs)}</td>
            <td class="num" data-v={x.decOnlyTtftMs}>{ms(x.decOnlyTtftMs)}</td>
            <td class="num" data-v={x.ttftReductionPct}>{fmt(x.ttftReductionPct, 0)}%</td>
            <td class="num" data-v={x.throughputRatio}>{fmt(x.throughputRatio, 2)}×</td>
          </tr>
        ))}
      />
    </section>
  );
}
