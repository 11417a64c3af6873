/** The input-length sweep as a table, shared by the model and cell pages. @module */
import type { Child } from "hono/jsx";
import { ms } from "../format.ts";
import { TargetLink } from "./components.tsx";
import { DataTable } from "./data_table.tsx";

/** One measured sweep point (means, in ms), with its target when the table spans several. */
export interface SweepRow {
  readonly targetId?: string;
  readonly kvCache: boolean;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly ttftMs: number;
  readonly tpotMs: number;
  readonly totalMs: number;
}

/** A compact table of sweep points; the Target column appears when rows carry a target. */
export function SweepTable(p: { rows: readonly SweepRow[] }): Child {
  const withTarget = p.rows.some((r) => r.targetId !== undefined);
  return (
    <DataTable
      cls="compact"
      caption={<>Generation time for generated inputs of increasing length, KV cache on and off.</>}
      columns={[
        ...(withTarget ? [{ label: "Target" }] : []),
        { label: "KV cache" },
        ...["Input tokens", "Output tokens", "TTFT, ms", "TPOT, ms", "Total, ms"].map((label) => ({
          label,
          numeric: true,
        })),
      ]}
      rows={p.rows.map((r) => (
        <tr>
          {withTarget
            ? (
              <td>
                {r.targetId === undefined ? null : <TargetLink id={r.targetId} />}
              </td>
            )
            : null}
          <td>{r.kvCache ? "on" : "off"}</td>
          <td class="num">{r.inputTokens}</td>
          <td class="num">{r.outputTokens}</td>
          <td class="num">{ms(r.ttftMs)}</td>
          <td class="num">{ms(r.tpotMs)}</td>
          <td class="num">{ms(r.totalMs)}</td>
        </tr>
      ))}
    />
  );
}
