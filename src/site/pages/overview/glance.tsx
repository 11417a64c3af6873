/**
 * The overview's answers at a glance: four cards on first-token latency,
 * throughput, what distillation buys, and on which kind of task.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import type { ArchRatio, KdDelta, Report, TaskGap } from "../../../report/mod.ts";
import { fmt, ms, signed } from "../../format.ts";
import { archLabel, ModelLink, TargetLink } from "../components.tsx";

/** The TTFT card: per target, which architecture reaches the first token sooner. */
function TtftCard(p: { byTarget: readonly ArchRatio[] }): Child {
  return (
    <div class="card">
      <h3>Faster to the first token</h3>
      {p.byTarget.length === 0 ? <p class="na">No latency cells yet.</p> : (
        <ul>
          {p.byTarget.map((x) => (
            <li>
              <strong>{x.ttftReductionPct >= 0 ? "enc-dec" : "dec-only"}</strong> on{" "}
              <TargetLink id={x.targetId} />: {fmt(Math.abs(x.ttftReductionPct), 0)}%{" "}
              {x.ttftReductionPct >= 0 ? "lower" : "higher"} TTFT ({ms(x.encDecTtftMs)} vs{" "}
              {ms(x.decOnlyTtftMs)} ms)
            </li>
          ))}
        </ul>
      )}
      <p class="note">Paper (NPU): 47% lower.</p>
    </div>
  );
}

/** The throughput card: per target, which architecture decodes faster. */
function ThroughputCard(p: { byTarget: readonly ArchRatio[] }): Child {
  return (
    <div class="card">
      <h3>Higher throughput</h3>
      {p.byTarget.length === 0 ? <p class="na">No latency cells yet.</p> : (
        <ul>
          {p.byTarget.map((x) => (
            <li>
              <strong>{x.throughputRatio >= 1 ? "enc-dec" : "dec-only"}</strong> on{" "}
              <TargetLink id={x.targetId} />:{" "}
              {fmt(x.throughputRatio, 2)}× decode tokens/s ({fmt(x.encDecTokensPerS, 1)} vs{" "}
              {fmt(x.decOnlyTokensPerS, 1)})
            </li>
          ))}
        </ul>
      )}
      <p class="note">Paper (NPU): 4.7×.</p>
    </div>
  );
}

/** The distillation card: each student's average gain over its baseline. */
function KdCard(p: { kdAvg: readonly KdDelta[] }): Child {
  return (
    <div class="card">
      <h3>What distillation buys</h3>
      {p.kdAvg.length === 0 ? <p class="na">No distilled model with a baseline.</p> : (
        <ul>
          {p.kdAvg.map((d) => (
            <li>
              <strong>{archLabel(d.architecture)}{d.split ? ` ${d.split}` : ""}</strong>:{" "}
              {signed(d.delta.value)} avg points{" "}
              <span class="ci">({fmt(d.delta.low)} to {fmt(d.delta.high)})</span>
            </li>
          ))}
        </ul>
      )}
      <p class="note">Paper: up to +6 points.</p>
    </div>
  );
}

/** The mean encoder-decoder gap of some tasks (0 when there are none). */
function meanGap(xs: readonly TaskGap[]): number {
  return xs.reduce((s, x) => s + x.gap.value, 0) / Math.max(1, xs.length);
}

/** The task-kind card: the gap on asymmetric against symmetric tasks, and the best average. */
function TaskKindCard(p: { report: Report }): Child {
  const r = p.report;
  const best = r.rows[0];
  const asym = r.taskGaps.filter((g) => g.kind === "asymmetric");
  const sym = r.taskGaps.filter((g) => g.kind !== "asymmetric");
  return (
    <div class="card">
      <h3>On which kind of task</h3>
      {r.taskGaps.length === 0 ? <p class="na">Needs both baselines.</p> : (
        <ul>
          <li>
            asymmetric tasks: enc-dec {signed(meanGap(asym))} points ({asym.length} tasks)
          </li>
          <li>
            symmetric tasks: enc-dec {signed(meanGap(sym))} points ({sym.length} tasks)
          </li>
        </ul>
      )}
      <p class="note">
        {best && best.average
          ? (
            <>
              Best average: <ModelLink id={best.model.id} /> ({fmt(best.average.value)})
            </>
          )
          : "No complete model yet."}
      </p>
    </div>
  );
}

/** The overview's at-a-glance cards. */
export function Glance(p: { report: Report }): Child {
  const r = p.report;
  const headline = r.ratios.filter((x) => !x.distilled).sort((a, b) =>
    Number(b.split === "2/3-1/3") - Number(a.split === "2/3-1/3")
  );
  const byTarget = r.targets.map((t) => headline.find((x) => x.targetId === t.info.id))
    .filter((x) => x !== undefined);
  const kdAvg = r.kd.filter((d) => d.taskId === "avg");
  return (
    <section aria-labelledby="glance-h" class="glance">
      <h2 id="glance-h" class="sr-only">At a glance</h2>
      <div class="cards">
        <TtftCard byTarget={byTarget} />
        <ThroughputCard byTarget={byTarget} />
        <KdCard kdAvg={kdAvg} />
        <TaskKindCard report={r} />
      </div>
    </section>
  );
}
