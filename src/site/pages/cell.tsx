/**
 * Cell pages: what one cell measured, with an instance viewer over its
 * per-sample records (input, references, prediction, scores), filterable by
 * score and searchable, and links to the raw records.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import type { CellRecord } from "../../report/mod.ts";
import { count, fmt, mib, ms, when } from "../format.ts";
import { pageCount, SAMPLE_PAGE_SIZE } from "../sample_pages.ts";
import { slug } from "../slug.ts";
import { Layout, ModelLink, TargetLink, TaskLink } from "./components.tsx";
import { DataTable } from "./data_table.tsx";
import { SweepTable } from "./sweep_table.tsx";
import { useRoot } from "./root.tsx";

/** Another quality cell on the same task, to compare instances with. */
export interface PeerCell {
  readonly cellKey: string;
  readonly modelId: string;
  readonly target: string;
}

function Viewer(
  p: { cellKey: string; n: number; primary: string; peers: readonly PeerCell[] },
): Child {
  const root = useRoot();
  const first = `${root}data/samples/${slug(p.cellKey)}/1.json`;
  return (
    <section
      aria-labelledby="inst-h"
      id="viewer"
      data-samples={`${root}data/samples/`}
      data-cell={slug(p.cellKey)}
      data-pages={pageCount(p.n)}
      data-primary={p.primary}
    >
      <h2 id="inst-h">Instances</h2>
      <p class="note">
        {count(p.n, "sample")}, loaded on demand in pages of {SAMPLE_PAGE_SIZE}{" "}
        (<a href={first}>first page as JSON</a>). Empty references mean the question has no answer
        in its context (SQuAD v2).
      </p>
      <form class="controls" id="viewer-controls" data-table="instances">
        <label>
          Search{" "}
          <input type="search" name="q" placeholder="text in input, references or prediction" />
        </label>
        <label>
          Min score <input type="number" name="min" step="any" inputmode="decimal" />
        </label>
        <label>
          Max score <input type="number" name="max" step="any" inputmode="decimal" />
        </label>
        {p.peers.length > 0
          ? (
            <label>
              Compare with{" "}
              <select name="compare" id="compare-with">
                <option value="">no other model</option>
                {p.peers.map((o) => (
                  <option value={slug(o.cellKey)}>
                    {o.modelId} ({o.target}, {o.cellKey.slice(0, 8)})
                  </option>
                ))}
              </select>
            </label>
          )
          : null}
        <label class="check">
          <input type="checkbox" name="differ" /> only where predictions differ
        </label>
        <output name="count" aria-live="polite">{p.n} samples</output>
      </form>
      <DataTable
        id="instances"
        sortable
        cls="instances"
        caption={
          <>
            One row per sample; the score column is the primary metric {p.primary}{" "}
            (as recorded: ROUGE 0–1, the others 0–100). With a model to compare, its prediction and
            the score difference (this cell minus the other) appear beside this cell's.
          </>
        }
        columns={[
          { label: "Sample" },
          { label: "Score", numeric: true, name: `score, ${p.primary}` },
          { label: "Input" },
          { label: "References" },
          { label: "Prediction" },
          { label: "Other prediction", cls: "cmp" },
          { label: "Δ score", numeric: true, cls: "cmp", name: "score difference" },
          { label: "Scores" },
        ]}
        rows={null}
      />
      <p>
        <button type="button" id="viewer-more" hidden>Load more</button>
      </p>
      <p class="fallback">
        The instance viewer needs JavaScript; the samples are in{" "}
        <a href={first}>data/samples/…/1.json</a> and the following pages.
      </p>
    </section>
  );
}

/** The shell command that reruns this cell on the reader's machine. */
export function reproduceCommand(c: CellRecord): string {
  const q = (
    s: string,
  ): string => (/^[\w.,:@%+=/-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`);
  const args = ["deno", "task", "eval", "--models", q(c.model.id)];
  if (c.task) args.push("--tasks", q(c.task.id));
  args.push("--targets", q(c.target.id), "--profile", c.settings.profile);
  if (c.settings.profile === "quality") {
    args.push(
      "--limit",
      String(c.settings.limit ?? 0),
      "--batch-size",
      String(c.settings.batchSize),
    );
  }
  args.push("--fresh", "--out", "my-results");
  return args.join(" ");
}

/**
 * A cell's page. `peers` are the cells its instances may be compared with: the quality cells
 * with samples on its task, the cell itself left out.
 */
export function CellPage(
  p: { cell: CellRecord; samples: number; peers?: readonly PeerCell[] },
): Child {
  const root = useRoot();
  const c = p.cell;
  const raw = `${root}data/cells/${slug(c.cellKey)}.json`;
  const title = `${c.model.id} × ${c.task?.id ?? c.settings.profile} × ${c.target.id}`;
  return (
    <Layout title={title}>
      <p class="crumbs">
        <ModelLink id={c.model.id} /> / {c.task ? <TaskLink id={c.task.id} /> : c.settings.profile}
        {" "}
        / <TargetLink id={c.target.id} />
      </p>
      <h1 class="id">{title}</h1>
      <p class="lede">
        {c.settings.profile} cell ·{" "}
        <span class={`badge ${c.status === "ok" ? "good" : "bad"}`}>{c.status}</span> · run{" "}
        {c.runId} · {when(c.finishedAt)} · {fmt(c.durationS, 0)} s ·{" "}
        {p.samples > 0 ? <a href={raw}>raw record (JSON)</a> : <a href="#raw">raw record</a>}
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
              <DataTable
                cls="compact"
                caption={<>Every metric of the cell with its 95% bootstrap interval.</>}
                columns={[
                  { label: "Metric" },
                  { label: "Value", numeric: true },
                  { label: "95% interval", numeric: true },
                ]}
                rows={Object.entries(c.quality.metrics).map(([k, v]) => (
                  <tr class={k === c.quality!.primary ? "total" : undefined}>
                    <th scope="row">{k}{k === c.quality!.primary ? " (primary)" : ""}</th>
                    <td class="num">{fmt(v.value, 3)}</td>
                    <td class="num">{fmt(v.ciLow, 3)} – {fmt(v.ciHigh, 3)}</td>
                  </tr>
                ))}
              />
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
              <DataTable
                cls="compact"
                caption={<>Timings over the measured samples (mean, median, 90th percentile, n).</>}
                columns={[
                  { label: "Measure" },
                  ...["Mean", "p50", "p90", "n"].map((label) => ({ label, numeric: true })),
                ]}
                rows={([
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
              />
              <p class="note">
                Load {ms(c.efficiency.loadMs)} ms · peak RSS {mib(c.efficiency.peakRssMiB)} ·{" "}
                {c.efficiency.warmupRuns} warm-up runs
              </p>
              {c.efficiency.load?.contended
                ? (
                  <p class="note">
                    <span class="badge bad">contended</span>{" "}
                    Measured under contention (1-minute load {fmt(c.efficiency.load.loadAvg1, 2)},
                    {" "}
                    {c.efficiency.load.otherEvals} other evals): not for comparison.
                  </p>
                )
                : c.efficiency.forComparison === false
                ? (
                  <p class="note">
                    Quality-pass timings (batched, possibly beside other workers): not for
                    comparison with latency cells.
                  </p>
                )
                : null}
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
      <section aria-labelledby="rep-h">
        <h2 id="rep-h">Reproduce this cell</h2>
        <pre class="cmd"><code>{reproduceCommand(c)}</code></pre>
        <p class="note">
          Run from a clone of encoder-bench at the same models and datasets (the cell key hashes the
          model files, the dataset, the settings and this machine's hardware and engine versions, so
          another machine writes a new cell). Generation settings not on the command line are the
          defaults this cell used: at most {c.settings.maxNewTokens} new tokens,{" "}
          {c.settings.decoding} decoding, seed {c.settings.seed}, KV cache{" "}
          {c.settings.kvCache ? "on" : "off"}.
        </p>
      </section>
      {p.samples > 0
        ? (
          <Viewer
            cellKey={c.cellKey}
            n={p.samples}
            primary={c.quality?.primary ?? ""}
            peers={(p.peers ?? []).filter((o) => o.cellKey !== c.cellKey)}
          />
        )
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
