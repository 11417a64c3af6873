/** The input-length sweep as a table, shared by the model and cell pages. @module */
import type { Child } from "hono/jsx";
import { ms } from "../format.ts";
import { TargetLink } from "./components.tsx";

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
    <div class="scroll">
      <table class="data compact">
        <caption>
          Generation time for generated inputs of increasing length, KV cache on and off.
        </caption>
        <thead>
          <tr>
            {withTarget ? <th scope="col">Target</th> : null}
            <th scope="col">KV cache</th>
            <th scope="col" class="num">Input tokens</th>
            <th scope="col" class="num">Output tokens</th>
            <th scope="col" class="num">TTFT, ms</th>
            <th scope="col" class="num">TPOT, ms</th>
            <th scope="col" class="num">Total, ms</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
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
        </tbody>
      </table>
    </div>
  );
}
