// deno-lint-ignore-file jsx-key -- server-rendered JSX: keys only matter to client-side reconciliation
/**
 * Target pages: hardware metadata, efficiency of every model on the target,
 * and the history of every metric over runs (changes worse than the history's
 * threshold flagged; regressions are the gate's, `compare/`).
 *
 * @module
 */
import type { Child } from "hono/jsx";
import {
  CHANGE_THRESHOLD,
  type HistorySeries,
  measureByColumn,
  MEASURES,
  REFERENCE_TARGET,
  type Report,
  sumAgreement,
  type TargetSummary,
} from "../../report/mod.ts";
import { count, fmt, ms, signed, when } from "../format.ts";
import { tooltip } from "../glossary.ts";
import { measureText } from "../measure_text.ts";
import { AgreementCell, Layout, ModelLink } from "./components.tsx";
import { DataTable } from "./data_table.tsx";
import { useRoot } from "./root.tsx";

function metricLabel(metric: string): string {
  const [name = "", task] = metric.split(":");
  const m = measureByColumn(name);
  const label = m
    ? `${m.title}${m.unit ? `, ${m.unit}` : ""}`
    : name === "quality"
    ? "Quality (0–100)"
    : name;
  return `${label}${task ? ` · ${task}` : ""}`;
}

/** A history value: a measure's with its digits, quality with one decimal. */
function historyValue(metric: string, v: number): string {
  const m = measureByColumn(metric.split(":")[0] ?? metric);
  return m ? measureText(m, v) : fmt(v);
}

/**
 * Runs a target page's history table shows, the newest: a big store's history would make the
 * page megabytes long (700 runs made it 14 MB). Every run is in `data/history.csv` and `.json`.
 */
export const HISTORY_WINDOW_RUNS = 20;

function History(p: { series: readonly HistorySeries[]; runs: readonly string[] }): Child {
  const root = useRoot();
  const order = [...MEASURES.map((m) => m.column), "quality"];
  const rank = (m: string): number => {
    const i = order.indexOf(m.split(":")[0] ?? m);
    return i < 0 ? order.length : i;
  };
  const metrics = [...new Set(p.series.map((s) => s.metric))].sort((a, b) =>
    rank(a) - rank(b) || a.localeCompare(b)
  );
  if (p.runs.length < 2) {
    return (
      <p class="na">
        One run on this target so far: the history (every metric per run, with large changes
        flagged) starts with the second run.
      </p>
    );
  }
  const runs = p.runs.slice(-HISTORY_WINDOW_RUNS);
  const shown = new Set(runs);
  // One table: a row per (metric, model) measured in the runs shown, a column per run.
  const sorted = metrics.flatMap((metric) =>
    p.series.filter((s) => s.metric === metric && s.points.some((x) => shown.has(x.runId)))
  );
  return (
    <DataTable
      cls="compact history"
      caption={runs.length < p.runs.length
        ? (
          <>
            Each metric of each model in the last {runs.length} of the {p.runs.length}{" "}
            runs on this target (oldest first), with its change from the previous run. Every run is
            in <a href={`${root}data/history.csv`}>history.csv</a> and{" "}
            <a href={`${root}data/history.json`}>history.json</a>.
          </>
        )
        : "Each metric of each model per run (oldest first), with its change from the previous run."}
      columns={[
        { label: "Metric" },
        { label: "Model" },
        ...runs.map((r) => ({ label: r, numeric: true })),
      ]}
      rows={sorted.map((s) => {
        const byRun = new Map(s.points.map((x) => [x.runId, x]));
        return (
          <tr>
            <td>
              {metricLabel(s.metric)}
              <small>{s.higherIsBetter ? "higher is better" : "lower is better"}</small>
            </td>
            <th scope="row">
              <ModelLink id={s.modelId} />
            </th>
            {runs.map((run) => {
              const pt = byRun.get(run);
              if (!pt) return <td class="num na">—</td>;
              return (
                <td class={`num${pt.flagged ? " flagged" : ""}`} title={when(pt.at)}>
                  {historyValue(s.metric, pt.value)}
                  {pt.change !== null
                    ? <span class="ci">{signed(pt.change * 100, 1)}%</span>
                    : null}
                  {pt.flagged
                    ? <span class="badge bad" title={tooltip("change")}>change</span>
                    : null}
                </td>
              );
            })}
          </tr>
        );
      })}
    />
  );
}

/** A target's page. */
export function TargetPage(p: { report: Report; target: TargetSummary }): Child {
  const root = useRoot();
  const { report: r, target: t } = p;
  const id = t.info.id, env = t.environment;
  const series = r.history.filter((h) => h.targetId === id);
  const changed = series.filter((s) => s.points.some((x) => x.flagged)).length;
  const rows = r.rows.filter((row) => row.efficiency[id] !== undefined);
  const isReference = id === REFERENCE_TARGET;
  /** Latency samples with cpu's greedy tokens, over this target's tasks. */
  const agreement = (modelId: string) =>
    sumAgreement(r.agreement.filter((a) => a.targetId === id && a.modelId === modelId));
  const differs = rows.filter((row) => {
    const a = agreement(row.model.id);
    return a !== null && a.matched < a.of;
  }).length;
  return (
    <Layout title={`Target ${id}`} current="targets">
      <p class="crumbs">
        <a href={`${root}targets/`}>Targets</a> /
      </p>
      <h1 class="id">{id}</h1>
      <p class="lede">
        {t.info.label} · {t.info.device.toUpperCase()} · {count(t.runs.length, "run")}
        {changed > 0 ? ` · ${changed} series with a flagged change` : ""}
      </p>
      <div class="two">
        <section aria-labelledby="hw-h">
          <h2 id="hw-h">Hardware and software</h2>
          <dl class="facts">
            <dt>CPU</dt>
            <dd>{env.cpu}</dd>
            <dt>Logical cores</dt>
            <dd>{env.cores}</dd>
            <dt>RAM</dt>
            <dd>{fmt(env.ramGiB, 1)} GiB</dd>
            <dt>OS</dt>
            <dd>{env.os}</dd>
            <dt>Host</dt>
            <dd>{env.hostname}</dd>
            <dt>Deno / V8</dt>
            <dd>{env.deno} / {env.v8}</dd>
            <dt>onnxruntime-node</dt>
            <dd>{env.onnxruntime}</dd>
            <dt>encoder-bench</dt>
            <dd>{env.benchVersion}{env.gitCommit ? ` (${env.gitCommit})` : ""}</dd>
          </dl>
        </section>
        <section aria-labelledby="ep-h">
          <h2 id="ep-h">Execution provider</h2>
          <dl class="facts">
            <dt>Providers</dt>
            <dd>{t.info.providers.map((pr) => pr.name).join(" → ") || "—"}</dd>
            {Object.entries(t.info.session).map(([k, v]) => (
              <>
                <dt>{k}</dt>
                <dd>{String(v)}</dd>
              </>
            ))}
            {t.info.providers.flatMap((pr) =>
              Object.entries(pr.options ?? {}).map(([k, v]) => (
                <>
                  <dt>{pr.name}.{k}</dt>
                  <dd>{String(v)}</dd>
                </>
              ))
            )}
          </dl>
        </section>
      </div>
      <section aria-labelledby="eff-h">
        <h2 id="eff-h">Efficiency on {id}</h2>
        <DataTable
          sortable
          caption={
            <>
              Efficiency of every model on this target at batch size 1. {isReference
                ? `This target's greedy tokens are the reference the other targets are checked against.`
                : `“Same tokens as ${REFERENCE_TARGET}”: latency samples whose greedy tokens equal the ${REFERENCE_TARGET} target's on the same model files; fewer means these timings are of a different computation.`}
              {differs > 0 ? ` ${differs} model(s) differ.` : ""}
            </>
          }
          columns={[
            { label: "Model" },
            { label: "TTFT mean, ms", numeric: true },
            { label: "TTFT p90, ms", numeric: true },
            { label: "TPOT mean, ms", numeric: true },
            { label: "Decode tok/s", numeric: true },
            { label: "Peak MiB", numeric: true },
            ...(isReference
              ? []
              : [{ label: `Same tokens as ${REFERENCE_TARGET}`, numeric: true }]),
          ]}
          rows={rows.map((row) => {
            const e = row.efficiency[id]!;
            return (
              <tr>
                <th scope="row" data-v={row.model.id}>
                  <ModelLink id={row.model.id} />
                </th>
                <td class="num" data-v={e.ttftMs.mean}>{ms(e.ttftMs.mean)}</td>
                <td class="num" data-v={e.ttftMs.p90}>{ms(e.ttftMs.p90)}</td>
                <td class="num" data-v={e.tpotMs.mean}>{ms(e.tpotMs.mean)}</td>
                <td class="num" data-v={e.tokensPerS.mean}>{fmt(e.tokensPerS.mean)}</td>
                <td class="num" data-v={e.peakRssMiB ?? ""}>{fmt(e.peakRssMiB, 0)}</td>
                {isReference ? null : <AgreementCell a={agreement(row.model.id)} />}
              </tr>
            );
          })}
        />
      </section>
      <section aria-labelledby="hist-h">
        <h2 id="hist-h">History over runs</h2>
        <p class="note">
          Each cell shows a run's value and its change from the previous run; a change worse than
          {" "}
          {fmt(CHANGE_THRESHOLD * 100, 0)}% is flagged “change”: a mark to look at, not a regression
          (only the regression gate, <code>deno task compare</code>, decides those). Download:{" "}
          <a href={`${root}data/history.csv`}>history.csv</a>.
        </p>
        <History series={series} runs={t.runs} />
      </section>
    </Layout>
  );
}
