// deno-lint-ignore-file jsx-key -- server-rendered JSX: keys only matter to client-side reconciliation
/**
 * Cell pages: what one cell measured, with an instance viewer over its
 * per-sample records (input, references, prediction, scores), filterable by
 * score and searchable, and links to the raw records.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import type { CellRecord, SampleRecord } from "../../report/mod.ts";
import { fmt, ms, when } from "../format.ts";
import { slug } from "../slug.ts";
import { Layout, ModelLink, SortTh, TargetLink, TaskLink } from "./components.tsx";
import { SweepTable } from "./sweep_table.tsx";

const ROOT = "../../";

function short(text: string, n = 160): string {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

function Viewer(p: { samples: readonly SampleRecord[]; primary: string }): Child {
  const keys = [...new Set(p.samples.flatMap((s) => Object.keys(s.scores)))].sort();
  const primaryKey = keys.includes(p.primary)
    ? p.primary
    : keys.find((k) => p.primary.endsWith(`.${k}`)) ?? keys[0] ?? "";
  return (
    <section aria-labelledby="inst-h">
      <h2 id="inst-h">Instances</h2>
      <form class="controls" id="viewer-controls" data-table="instances">
        <label>
          Search{" "}
          <input type="search" name="q" placeholder="text in input, references or prediction" />
        </label>
        <label>
          Min {primaryKey} <input type="number" name="min" step="any" inputmode="decimal" />
        </label>
        <label>
          Max {primaryKey} <input type="number" name="max" step="any" inputmode="decimal" />
        </label>
        <output name="count" aria-live="polite">{p.samples.length} of {p.samples.length}</output>
      </form>
      <div class="scroll">
        <table id="instances" class="data sortable instances">
          <caption>
            One row per sample; the score column is the primary metric{" "}
            {primaryKey}. Expand a row's input to read it in full.
          </caption>
          <thead>
            <tr>
              <SortTh label="Sample" />
              <SortTh label={primaryKey} numeric />
              <SortTh label="Input" />
              <SortTh label="References" />
              <SortTh label="Prediction" />
              <SortTh label="All scores" />
            </tr>
          </thead>
          <tbody>
            {p.samples.map((s) => {
              const score = s.scores[primaryKey];
              return (
                <tr data-score={score ?? ""}>
                  <th scope="row" data-v={s.sampleId}>
                    <code>{s.sampleId}</code>
                  </th>
                  <td class="num" data-v={score ?? ""}>
                    {score === undefined ? "—" : fmt(score, 3)}
                  </td>
                  <td class="text">
                    <details>
                      <summary>{short(s.input)}</summary>
                      <pre class="raw">{s.input}</pre>
                    </details>
                  </td>
                  <td class="text">
                    <ol class="refs">{s.references.map((ref) => <li>{ref}</li>)}</ol>
                  </td>
                  <td class="text pred">{s.prediction}</td>
                  <td class="scores">
                    {Object.entries(s.scores).map(([k, v]) => (
                      <span>
                        {k} <b>{fmt(v, 3)}</b>
                      </span>
                    ))}
                    <span>tokens {s.inputTokens} → {s.outputTokens}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A cell's page. */
export function CellPage(p: { cell: CellRecord; samples: readonly SampleRecord[] }): Child {
  const c = p.cell;
  const raw = `${ROOT}data/cells/${slug(c.cellKey)}.json`;
  const title = `${c.model.id} × ${c.task?.id ?? c.settings.profile} × ${c.target.id}`;
  return (
    <Layout title={title} root={ROOT}>
      <p class="crumbs">
        <ModelLink id={c.model.id} root={ROOT} /> /{" "}
        {c.task ? <TaskLink id={c.task.id} root={ROOT} /> : c.settings.profile} /{" "}
        <TargetLink id={c.target.id} root={ROOT} />
      </p>
      <h1 class="id">{title}</h1>
      <p class="lede">
        {c.settings.profile} cell ·{" "}
        <span class={`badge ${c.status === "ok" ? "good" : "bad"}`}>{c.status}</span> · run{" "}
        {c.runId} · {when(c.finishedAt)} · {fmt(c.durationS, 0)} s ·{" "}
        {p.samples.length > 0
          ? <a href={raw}>raw records (JSON)</a>
          : <a href="#raw">raw record</a>}
      </p>
      <div class="two">
        <section aria-labelledby="set-h">
          <h2 id="set-h">Settings</h2>
          <dl class="facts">
            <dt>Cell key</dt>
            <dd>
              <code class="hash">{c.cellKey}</code>
            </dd>
            <dt>Batch size</dt>
            <dd>{c.settings.batchSize}</dd>
            <dt>Max new tokens</dt>
            <dd>{c.settings.maxNewTokens}</dd>
            <dt>Sample limit</dt>
            <dd>{c.settings.limit ?? "none"}</dd>
            <dt>KV cache</dt>
            <dd>{c.settings.kvCache ? "on" : "off"}</dd>
            <dt>Decoding</dt>
            <dd>{c.settings.decoding} (seed {c.settings.seed})</dd>
            <dt>Model sha256</dt>
            <dd>
              <code class="hash">{c.model.sha256}</code>
            </dd>
            {c.task
              ? (
                <>
                  <dt>Dataset sha256</dt>
                  <dd>
                    <code class="hash">{c.task.datasetSha256}</code>
                  </dd>
                </>
              )
              : null}
          </dl>
        </section>
        {c.quality
          ? (
            <section aria-labelledby="m-h">
              <h2 id="m-h">Metrics</h2>
              <div class="scroll">
                <table class="data compact">
                  <caption>Every metric of the cell with its 95% bootstrap interval.</caption>
                  <thead>
                    <tr>
                      <th scope="col">Metric</th>
                      <th scope="col" class="num">Value</th>
                      <th scope="col" class="num">95% interval</th>
                    </tr>
                  </thead>
                  <tbody>
                    {Object.entries(c.quality.metrics).map(([k, v]) => (
                      <tr class={k === c.quality!.primary ? "total" : undefined}>
                        <th scope="row">{k}{k === c.quality!.primary ? " (primary)" : ""}</th>
                        <td class="num">{fmt(v.value, 3)}</td>
                        <td class="num">{fmt(v.ciLow, 3)} – {fmt(v.ciHigh, 3)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p class="note">
                {c.quality.n} samples; bootstrap {c.quality.bootstrap.resamples} resamples, seed
                {" "}
                {c.quality.bootstrap.seed}.
              </p>
              <dl class="facts signatures">
                {Object.entries(c.quality.signatures).map(([k, v]) => (
                  <>
                    <dt>{k} signature</dt>
                    <dd>
                      <code>{v}</code>
                    </dd>
                  </>
                ))}
              </dl>
            </section>
          )
          : null}
        {c.efficiency
          ? (
            <section aria-labelledby="ef-h">
              <h2 id="ef-h">Timings</h2>
              <div class="scroll">
                <table class="data compact">
                  <caption>
                    Timings over the measured samples (mean, median, 90th percentile, n).
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Measure</th>
                      <th scope="col" class="num">Mean</th>
                      <th scope="col" class="num">p50</th>
                      <th scope="col" class="num">p90</th>
                      <th scope="col" class="num">n</th>
                    </tr>
                  </thead>
                  <tbody>
                    {([
                      ["TTFT, ms", c.efficiency.ttftMs],
                      ["Encoder, ms", c.efficiency.encoderMs],
                      ["TPOT, ms", c.efficiency.tpotMs],
                      ["Decode tokens/s", c.efficiency.decodeTokensPerS],
                      ["Total, ms", c.efficiency.totalMs],
                      ["Input tokens", c.efficiency.inputTokens],
                      ["Output tokens", c.efficiency.outputTokens],
                    ] as const).map(([k, s]) => (
                      <tr>
                        <th scope="row">{k}</th>
                        <td class="num">{ms(s.mean)}</td>
                        <td class="num">{ms(s.p50)}</td>
                        <td class="num">{ms(s.p90)}</td>
                        <td class="num">{s.n}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p class="note">
                Load {ms(c.efficiency.loadMs)} ms · peak RSS {fmt(c.efficiency.peakRssMiB, 0)} MiB ·
                {" "}
                {c.efficiency.warmupRuns} warm-up runs
              </p>
            </section>
          )
          : null}
        {c.error
          ? (
            <section aria-labelledby="err-h">
              <h2 id="err-h">Error</h2>
              <p>
                {c.error.reason} after {c.error.attempts} attempts: {c.error.message}
              </p>
              {c.error.stderrTail ? <pre class="raw">{c.error.stderrTail}</pre> : null}
            </section>
          )
          : null}
      </div>
      {c.sweep && c.sweep.length > 0
        ? (
          <section aria-labelledby="sw-h">
            <h2 id="sw-h">Sweep points</h2>
            <SweepTable
              root={ROOT}
              rows={c.sweep.map((pt) => ({
                kvCache: pt.kvCache,
                inputTokens: pt.inputTokens,
                outputTokens: pt.outputTokens,
                ttftMs: pt.ttftMs.mean,
                tpotMs: pt.tpotMs.mean,
                totalMs: pt.totalMs.mean,
              }))}
            />
          </section>
        )
        : null}
      {p.samples.length > 0
        ? <Viewer samples={p.samples} primary={c.quality?.primary ?? ""} />
        : null}
      <section aria-labelledby="raw-h" id="raw">
        <h2 id="raw-h">Raw record</h2>
        <details>
          <summary>The cell record as stored (JSON)</summary>
          <pre class="raw">{JSON.stringify(c, null, 2)}</pre>
        </details>
      </section>
    </Layout>
  );
}
