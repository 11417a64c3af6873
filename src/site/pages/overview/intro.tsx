/**
 * The overview's introduction: the title, the claims under test, and the
 * counts of models, tasks, targets and runs.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import type { Report } from "../../../report/mod.ts";
import { count, when } from "../../format.ts";

/** The overview's heading block. */
export function Intro(p: { report: Report }): Child {
  const r = p.report;
  const last = r.runs[r.runs.length - 1];
  return (
    <div class="intro">
      <h1>Encoder-decoder vs decoder-only small language models</h1>
      <p class="lede">
        Measured quality and speed of every model on every task and hardware target, testing the
        claims of{" "}
        <em>Return of the Encoder</em>: lower first-token latency, higher throughput, gains from
        distillation, largest on asymmetric tasks.
      </p>
      <p class="meta">
        {count(r.rows.length, "model")} · {count(r.tasks.length, "task")} ·{" "}
        {count(r.targets.length, "target")} · {count(r.runs.length, "run")}
        {last ? <>{" "}· latest run {last.runId} ({when(last.finishedAt)})</> : null}
      </p>
    </div>
  );
}
