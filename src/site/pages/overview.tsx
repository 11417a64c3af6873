// deno-lint-ignore-file jsx-key -- server-rendered JSX: keys only matter to client-side reconciliation
/**
 * The overview page: answers at a glance, the leaderboard table (sortable,
 * filterable, a target selector), the charts, and the comparison tables.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import { raw } from "hono/html";
import { MEASURES, type Report, targetValue } from "../../report/mod.ts";
import { overviewCharts } from "../charts.ts";
import { groupRows, taskGroups } from "../groups.ts";
import { count, fmt, ms, params, signed, when } from "../format.ts";
import { jsonForScript } from "../json_script.ts";
import { tooltip } from "../glossary.ts";
import { measureText } from "../measure_text.ts";
import {
  archClass,
  archLabel,
  ArchTag,
  CellLink,
  ChartFigure,
  Ci,
  kindOf,
  Layout,
  ModelLink,
  RankLabel,
  SortTh,
  TargetLink,
  TaskLink,
  Term,
} from "./components.tsx";

function Glance(p: { report: Report }): Child {
  const r = p.report;
  const headline = r.ratios.filter((x) => !x.distilled).sort((a, b) =>
    Number(b.split === "2/3-1/3") - Number(a.split === "2/3-1/3")
  );
  const byTarget = r.targets.map((t) => headline.find((x) => x.targetId === t.info.id))
    .filter((x) => x !== undefined);
  const kdAvg = r.kd.filter((d) => d.taskId === "avg");
  const best = r.rows[0];
  const asym = r.taskGaps.filter((g) => g.kind === "asymmetric");
  const sym = r.taskGaps.filter((g) => g.kind !== "asymmetric");
  const mean = (xs: readonly { gap: { value: number } }[]): number =>
    xs.reduce((s, x) => s + x.gap.value, 0) / Math.max(1, xs.length);
  return (
    <section aria-labelledby="glance-h" class="glance">
      <h2 id="glance-h" class="sr-only">At a glance</h2>
      <div class="cards">
        <div class="card">
          <h3>Faster to the first token</h3>
          {byTarget.length === 0 ? <p class="na">No latency cells yet.</p> : (
            <ul>
              {byTarget.map((x) => (
                <li>
                  <strong>{x.ttftReductionPct >= 0 ? "enc-dec" : "dec-only"}</strong> on{" "}
                  <TargetLink id={x.targetId} root="" />: {fmt(Math.abs(x.ttftReductionPct), 0)}%
                  {" "}
                  {x.ttftReductionPct >= 0 ? "lower" : "higher"} TTFT ({ms(x.encDecTtftMs)} vs{" "}
                  {ms(x.decOnlyTtftMs)} ms)
                </li>
              ))}
            </ul>
          )}
          <p class="note">Paper (NPU): 47% lower.</p>
        </div>
        <div class="card">
          <h3>Higher throughput</h3>
          {byTarget.length === 0 ? <p class="na">No latency cells yet.</p> : (
            <ul>
              {byTarget.map((x) => (
                <li>
                  <strong>{x.throughputRatio >= 1 ? "enc-dec" : "dec-only"}</strong> on{" "}
                  <TargetLink id={x.targetId} root="" />:{" "}
                  {fmt(x.throughputRatio, 2)}× decode tokens/s ({fmt(x.encDecTokensPerS, 1)} vs{" "}
                  {fmt(x.decOnlyTokensPerS, 1)})
                </li>
              ))}
            </ul>
          )}
          <p class="note">Paper (NPU): 4.7×.</p>
        </div>
        <div class="card">
          <h3>What distillation buys</h3>
          {kdAvg.length === 0 ? <p class="na">No distilled model with a baseline.</p> : (
            <ul>
              {kdAvg.map((d) => (
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
        <div class="card">
          <h3>On which kind of task</h3>
          {r.taskGaps.length === 0 ? <p class="na">Needs both baselines.</p> : (
            <ul>
              <li>
                asymmetric tasks: enc-dec {signed(mean(asym))} points ({asym.length} tasks)
              </li>
              <li>
                symmetric tasks: enc-dec {signed(mean(sym))} points ({sym.length} tasks)
              </li>
            </ul>
          )}
          <p class="note">
            {best && best.average
              ? (
                <>
                  Best average: <ModelLink id={best.model.id} root="" /> ({fmt(best.average.value)})
                </>
              )
              : "No complete model yet."}
          </p>
        </div>
      </div>
    </section>
  );
}

/** Optional leaderboard columns: value, label, shown by default (compact view). */
const OPTIONAL_COLUMNS: readonly [string, string, boolean][] = [
  ["arch", "Arch", true],
  ["split", "Split", false],
  ["type", "Type", false],
  ["params", "Params", true],
  // the per-target efficiency columns, one per measure; TTFT shown by default
  ...MEASURES.map((m): [string, string, boolean] => [m.key, m.label, m.key === "ttft"]),
];

/** The sample count of a task's scores: one number, a range, or — when none. */
function taskN(r: Report, taskId: string): string {
  const ns = r.rows.flatMap((row) => row.scores[taskId]?.n ?? []);
  if (ns.length === 0) return "—";
  const lo = Math.min(...ns), hi = Math.max(...ns);
  return lo === hi ? String(lo) : `${lo}–${hi}`;
}

function Leaderboard(p: { report: Report; contended: ReadonlySet<string> }): Child {
  const r = p.report;
  return (
    <section aria-labelledby="lb-h">
      <h2 id="lb-h">Leaderboard</h2>
      <form class="controls" id="lb-controls" data-table="lb" data-url-state>
        <label>
          Target{" "}
          <select name="target" id="target-select">
            <option value="">all targets</option>
            {r.targets.map((t) => <option value={t.info.id}>{t.info.id} — {t.info.label}</option>)}
          </select>
        </label>
        <label>
          Search <input type="search" name="q" placeholder="model id" />
        </label>
        <label>
          Architecture{" "}
          <select name="arch">
            <option value="">all</option>
            <option value="encoder-decoder">encoder-decoder</option>
            <option value="decoder-only">decoder-only</option>
          </select>
        </label>
        <label>
          Type{" "}
          <select name="kind">
            <option value="">all</option>
            <option value="baseline">baseline</option>
            <option value="distilled">distilled</option>
            <option value="teacher">teacher</option>
            <option value="external">external</option>
          </select>
        </label>
        <fieldset class="cols">
          <legend>Columns</legend>
          {OPTIONAL_COLUMNS.map(([value, label, on]) => (
            <label>
              <input type="checkbox" name="col" value={value} checked={on} /> {label}
            </label>
          ))}
        </fieldset>
        <output name="count" aria-live="polite"></output>
      </form>
      <div class="scroll lb-box" tabindex={0} role="region" aria-labelledby="lb-h">
        <table id="lb" class="data sortable sticky">
          <caption>
            Primary metric of each task (normalised to 0–100) with its 95% interval; the average of
            the normalised scores; efficiency per target at batch size 1. Ranks marked “=” are
            statistically tied.
          </caption>
          <thead>
            <tr>
              <SortTh
                label="Rank"
                numeric
                title={tooltip("tie")}
                sortKey="rank"
                name="rank"
              />
              <SortTh label="Model" sortKey="model" name="model" cls="model" />
              <SortTh label="Arch" col="arch" sortKey="arch" name="architecture" />
              <SortTh
                label="Split"
                col="split"
                sortKey="split"
                name="split"
                title={tooltip("split")}
              />
              <SortTh label="Type" col="type" sortKey="type" name="type" />
              <SortTh label="Params" numeric col="params" sortKey="params" name="parameters" />
              {r.tasks.map((t) => (
                <SortTh
                  label={
                    <>
                      {t.info.id.split("_").map((part, i) =>
                        i === 0 ? part : (
                          <>
                            _<wbr />
                            {part}
                          </>
                        )
                      )}
                      <small>
                        {t.primary.slice(t.primary.lastIndexOf(".") + 1)} · n {taskN(r, t.info.id)}
                      </small>
                    </>
                  }
                  title={`${t.info.id}: ${t.primary}; n = samples per model`}
                  numeric
                  cls="task"
                  sortKey={`task-${t.info.id}`}
                  name={`${t.info.id} ${t.primary}`}
                />
              ))}
              <SortTh
                label={
                  <>
                    Avg<small>0–100</small>
                  </>
                }
                numeric
                cls="avg"
                title={tooltip("avg")}
                sortKey="avg"
                name="average"
              />
              {r.targets.flatMap((t) =>
                MEASURES.map((m) => (
                  <SortTh
                    label={
                      <>
                        {m.label}
                        <small>
                          {t.info.id}
                          {m.unit ? `, ${m.unit}` : ""}
                        </small>
                      </>
                    }
                    numeric
                    title={tooltip(m.key)}
                    target={t.info.id}
                    col={m.key}
                    sortKey={`${m.key}-${t.info.id}`}
                    name={`${m.name} on ${t.info.id}`}
                  />
                ))
              )}
            </tr>
          </thead>
          <tbody>
            {r.rows.map((row) => {
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
                    <ModelLink id={m.id} root="" />
                  </th>
                  <td data-col="arch">
                    <ArchTag arch={m.architecture} />
                  </td>
                  <td data-col="split">{m.split ?? "—"}</td>
                  <td data-col="type">{kindOf(m)}</td>
                  <td class="num" data-col="params" data-v={m.params.total}>
                    {params(m.params.total)}
                  </td>
                  {r.tasks.map((t) => {
                    const s = row.scores[t.info.id];
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
                            <CellLink cellKey={s.cellKey} root="">
                              <Ci iv={s.norm} />
                            </CellLink>
                          )
                          : <Ci iv={null} />}
                      </td>
                    );
                  })}
                  <td class="num avg" data-v={row.average?.value ?? ""}>
                    <Ci iv={row.average} />
                  </td>
                  {r.targets.flatMap((t) => {
                    const e = row.efficiency[t.info.id];
                    const busy = p.contended.has(contendedKey(m.id, t.info.id));
                    return MEASURES.map((m) => {
                      const v = e === undefined ? undefined : targetValue(m, e);
                      return (
                        <td
                          class={busy ? "num contended" : "num"}
                          data-target={t.info.id}
                          data-col={m.key}
                          data-v={v ?? ""}
                          title={busy ? "Measured under contention: not for comparison" : undefined}
                        >
                          {measureText(m, v)}
                          {busy
                            ? <span class="flag" aria-label="measured under contention">*</span>
                            : null}
                        </td>
                      );
                    });
                  })}
                </tr>
              );
            })}
          </tbody>
          {r.references.length > 0
            ? (
              <tbody class="refs">
                {r.references.map((ref) => (
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
                              <CellLink cellKey={s.cellKey} root="">
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
                      MEASURES.map((m) => (
                        <td class="num" data-target={t.info.id} data-col={m.key}>—</td>
                      ))
                    )}
                  </tr>
                ))}
              </tbody>
            )
            : null}
        </table>
      </div>
      <p class="note">
        Rows marked <span class="badge">ref</span>{" "}
        are reference systems (the input copied, "no answer", the lead sentence): scored on the same
        samples, never ranked. A score in red is significantly below the best reference on its task.
        Normalisation: ROUGE (0–1) is multiplied by 100; BLEU, chrF and SQuAD F1 are already 0–100.
        The average's interval combines the task intervals in quadrature (tasks use disjoint
        samples). Per-task ranks use a paired bootstrap on per-sample scores when available.
        Download this table as <a href="data/overview.csv">CSV</a> or{" "}
        <a href="data/overview.json">JSON</a>.
      </p>
    </section>
  );
}

function Groups(p: { report: Report }): Child {
  const groups = taskGroups(p.report);
  const rows = groupRows(p.report, groups);
  if (groups.length === 0) return null;
  return (
    <section aria-labelledby="groups-h">
      <h2 id="groups-h">Task groups</h2>
      <div class="scroll" tabindex={0} role="region" aria-labelledby="groups-h">
        <table class="data sortable">
          <caption>
            Each model's average over a group of tasks (normalised 0–100, 95% interval in
            quadrature, as the overall average): <Term k="asymmetric" root="">asymmetric</Term>{" "}
            against symmetric tasks, and per task family. Empty where the model lacks a task of the
            group.
          </caption>
          <thead>
            <tr>
              <SortTh label="Model" />
              {groups.map((g) => (
                <SortTh
                  label={
                    <>
                      {g.label}
                      <small>
                        {g.by} · {g.tasks.length} {g.tasks.length === 1 ? "task" : "tasks"}
                      </small>
                    </>
                  }
                  title={`${g.by} ${g.label}: ${g.tasks.join(", ")}`}
                  numeric
                  name={`${g.by} ${g.label}`}
                />
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr>
                <th scope="row" data-v={row.modelId} class={`model ${archClass(row.architecture)}`}>
                  <ModelLink id={row.modelId} root="" />
                </th>
                {row.averages.map((iv) => (
                  <td class="num" data-v={iv?.value ?? ""}>
                    <Ci iv={iv} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Charts(p: { report: Report }): Child {
  const figure = (id: string, title: string, desc: string, table: string): Child => (
    <ChartFigure
      id={id}
      title={title}
      desc={desc}
      label={`${title}. ${desc} Data: ${table}.`}
      fallback={
        <>
          Charts need JavaScript; the same numbers are in the tables on this page and in{" "}
          <a href={`data/${table}.csv`}>{table}.csv</a>.
        </>
      }
    />
  );
  return (
    <section aria-labelledby="charts-h">
      <h2 id="charts-h">
        Charts <span class="for-target" data-for-target></span>
      </h2>
      <div class="charts">
        {figure(
          "chart-pareto",
          "Quality against time to first token",
          "Average quality (0–100) vs mean TTFT, 95% intervals on both axes; the line joins the Pareto front.",
          "pareto",
        )}
        {figure(
          "chart-throughput",
          "Decode throughput",
          "Mean decode tokens/s at batch size 1, 95% interval of the mean.",
          "overview",
        )}
        {figure(
          "chart-sweep",
          "Latency against input length",
          "Whole-generation time (ms) for a fixed output length; solid: KV cache on, dashed: off.",
          "sweep",
        )}
        {figure(
          "chart-kd",
          "Distillation gain",
          "Distilled minus baseline of the same architecture and split, normalised points, 95% interval.",
          "kd",
        )}
      </div>
      <script type="application/json" id="chart-data">
        {raw(jsonForScript(overviewCharts(p.report)))}
      </script>
    </section>
  );
}

function Comparisons(p: { report: Report }): Child {
  const r = p.report;
  return (
    <>
      <section aria-labelledby="t2-h">
        <h2 id="t2-h">The paper's Table 2 beside measured numbers</h2>
        <div class="scroll">
          <table class="data">
            <caption>
              330M models in the paper; the measured rows pair the decoder-only baseline with the
              encoder-decoder baseline (2/3-1/3 split) on each target. Columns marked <em>paper</em>
              {" "}
              are the paper's own numbers, not measurements of this project.
            </caption>
            <thead>
              <tr>
                <th scope="col">Platform</th>
                <th scope="col">Target</th>
                <th scope="col">Model</th>
                <th scope="col" class="num paper">First token, ms (paper)</th>
                <th scope="col" class="num">First token, ms (measured)</th>
                <th scope="col" class="num paper">Throughput, tok/s (paper)</th>
                <th scope="col" class="num">Throughput, tok/s (measured)</th>
              </tr>
            </thead>
            <tbody>
              {r.table2.map((t) => (
                <tr>
                  <td>{t.platform}</td>
                  <td>
                    {t.targetId
                      ? <TargetLink id={t.targetId} root="" />
                      : <span class="na">not measured</span>}
                  </td>
                  <td>
                    {t.model}
                    {t.modelId
                      ? (
                        <>
                          {" "}(<ModelLink id={t.modelId} root="" />)
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
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="ratio-h">
        <h2 id="ratio-h">Encoder-decoder against decoder-only</h2>
        <div class="scroll">
          <table class="data sortable">
            <caption>
              Each encoder-decoder model against the decoder-only model with the same distillation
              status (nearest size), per target: the paper's “47% lower TTFT, 4.7× throughput”.
            </caption>
            <thead>
              <tr>
                <SortTh label="Target" />
                <SortTh label="Enc-dec" />
                <SortTh label="Split" />
                <SortTh label="Dec-only" />
                <SortTh label="TTFT enc-dec, ms" numeric />
                <SortTh label="TTFT dec-only, ms" numeric />
                <SortTh label="TTFT lower by" numeric />
                <SortTh label="Throughput ratio" numeric />
              </tr>
            </thead>
            <tbody>
              {r.ratios.map((x) => (
                <tr>
                  <td>
                    <TargetLink id={x.targetId} root="" />
                  </td>
                  <td data-v={x.encDec}>
                    <ModelLink id={x.encDec} root="" />
                  </td>
                  <td>{x.split ?? "—"}</td>
                  <td data-v={x.decOnly}>
                    <ModelLink id={x.decOnly} root="" />
                  </td>
                  <td class="num" data-v={x.encDecTtftMs}>{ms(x.encDecTtftMs)}</td>
                  <td class="num" data-v={x.decOnlyTtftMs}>{ms(x.decOnlyTtftMs)}</td>
                  <td class="num" data-v={x.ttftReductionPct}>{fmt(x.ttftReductionPct, 0)}%</td>
                  <td class="num" data-v={x.throughputRatio}>{fmt(x.throughputRatio, 2)}×</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="kd-h">
        <h2 id="kd-h">Distillation gain</h2>
        <div class="scroll">
          <table class="data sortable">
            <caption>
              Distilled student minus its baseline (same architecture and split), normalised points
              with a 95% interval: paired bootstrap over per-sample scores where both cells have
              them, else the two intervals in quadrature.
            </caption>
            <thead>
              <tr>
                <SortTh label="Student" />
                <SortTh label="Baseline" />
                <SortTh label="Task" />
                <SortTh label="Gain" numeric />
                <SortTh label="Interval" />
                <SortTh label="Method" />
              </tr>
            </thead>
            <tbody>
              {r.kd.map((d) => (
                <tr class={d.taskId === "avg" ? "total" : undefined}>
                  <td data-v={d.student}>
                    <ModelLink id={d.student} root="" />
                  </td>
                  <td data-v={d.baseline}>
                    <ModelLink id={d.baseline} root="" />
                  </td>
                  <td data-v={d.taskId}>
                    {d.taskId === "avg" ? "average" : <TaskLink id={d.taskId} root="" />}
                  </td>
                  <td
                    class={`num ${d.delta.low > 0 ? "good" : d.delta.high < 0 ? "bad" : ""}`}
                    data-v={d.delta.value}
                  >
                    {signed(d.delta.value)}
                  </td>
                  <td class="ci-col">{fmt(d.delta.low)} to {fmt(d.delta.high)}</td>
                  <td>{d.method}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="tasks-h">
        <h2 id="tasks-h">Tasks: asymmetry and where the encoder pays off</h2>
        <div class="scroll">
          <table class="data sortable">
            <caption>
              Asymmetry ratio = mean input length / mean reference length (words). Gap =
              encoder-decoder baseline minus decoder-only baseline, normalised points.
            </caption>
            <thead>
              <tr>
                <SortTh label="Task" />
                <SortTh label="Kind" />
                <SortTh label="Direction" />
                <SortTh label="Input words" numeric />
                <SortTh label="Reference words" numeric />
                <SortTh label="Asymmetry" numeric />
                <SortTh label="Enc-dec gap" numeric />
              </tr>
            </thead>
            <tbody>
              {r.asymmetry.map((a) => {
                const g = r.taskGaps.find((x) => x.taskId === a.taskId);
                return (
                  <tr>
                    <td data-v={a.taskId}>
                      <TaskLink id={a.taskId} root="" />
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
              })}
            </tbody>
          </table>
        </div>
      </section>
      {r.failures.length > 0
        ? (
          <section aria-labelledby="fail-h">
            <h2 id="fail-h">Cells that did not finish</h2>
            <div class="scroll">
              <table class="data">
                <caption>
                  Cells that failed, timed out or ran out of memory; each links to its record.
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Cell</th>
                    <th scope="col">Model</th>
                    <th scope="col">Task</th>
                    <th scope="col">Target</th>
                    <th scope="col">Profile</th>
                    <th scope="col">Status</th>
                    <th scope="col">Message</th>
                  </tr>
                </thead>
                <tbody>
                  {r.failures.map((f) => (
                    <tr>
                      <td>
                        <CellLink cellKey={f.cellKey} root="" />
                      </td>
                      <td>
                        <ModelLink id={f.modelId} root="" />
                      </td>
                      <td>{f.taskId ?? "—"}</td>
                      <td>{f.targetId}</td>
                      <td>{f.profile}</td>
                      <td>
                        <span class="badge bad">{f.status}</span>
                      </td>
                      <td>{f.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )
        : null}
    </>
  );
}

/** The key of a (model, target) pair in the overview's set of contended measurements. */
export function contendedKey(modelId: string, targetId: string): string {
  return `${modelId}\u0000${targetId}`;
}

/** The overview page; `contended` flags (model, target) latency measured under contention. */
export function OverviewPage(p: { report: Report; contended?: ReadonlySet<string> }): Child {
  const r = p.report;
  const last = r.runs[r.runs.length - 1];
  return (
    <Layout title="Overview" root="" current="overview" charts>
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
      <Glance report={r} />
      <Leaderboard report={r} contended={p.contended ?? new Set()} />
      <Groups report={r} />
      <Charts report={r} />
      <Comparisons report={r} />
    </Layout>
  );
}
