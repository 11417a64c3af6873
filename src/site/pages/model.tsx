// deno-lint-ignore-file jsx-key -- server-rendered JSX: keys only matter to client-side reconciliation
/**
 * Model pages: the card, parameter counts, files and checksums, and every
 * result of the model (quality per task, efficiency per target, sweeps,
 * distillation deltas, failures).
 *
 * @module
 */
import type { Child } from "hono/jsx";
import type { Failure, LeaderboardRow, Report } from "../../report/mod.ts";
import { bytes, fmt, mib, ms, params, signed } from "../format.ts";
import type { ModelCard } from "../input.ts";
import { slug } from "../slug.ts";
import { DataTable } from "./data_table.tsx";
import { SweepTable } from "./sweep_table.tsx";
import {
  archLabel,
  CellLink,
  Ci,
  kindOf,
  Layout,
  ModelLink,
  RankLabel,
  TargetLink,
  TaskLink,
} from "./components.tsx";
import { useRoot } from "./root.tsx";

function Card(p: { row: LeaderboardRow; card: ModelCard | undefined }): Child {
  const m = p.row.model;
  const facts: [string, Child][] = [
    ["Architecture", m.architecture],
    ["Model type", m.modelType],
    ["Split (encoder share)", m.split ?? "—"],
    ["Type", kindOf(m)],
    ["Role", m.role],
    ["Distilled", m.distilled ? "yes" : "no"],
    ["Teacher", m.teacher ? <ModelLink id={m.teacher} /> : "—"],
    ["Weights dtype", m.dtype],
    ["Size on disk", bytes(m.bytes)],
    ["Model sha256", <code class="hash">{m.sha256}</code>],
  ];
  const counts: [string, number | undefined][] = [
    ["Total", m.params.total],
    ["Encoder", m.params.encoder],
    ["Decoder", m.params.decoder],
    ["Embeddings", m.params.embeddings],
  ];
  return (
    <div class="two">
      <section aria-labelledby="card-h">
        <h2 id="card-h">Card</h2>
        {p.card?.description ? <p>{p.card.description}</p> : null}
        {p.card && p.card.limits.length > 0
          ? (
            <>
              <h3 id="limits-h">Limits</h3>
              <ul class="limits" aria-labelledby="limits-h">
                {p.card.limits.map((l) => <li>{l}</li>)}
              </ul>
            </>
          )
          : null}
        <dl class="facts">
          {facts.map(([k, v]) => (
            <>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </>
          ))}
        </dl>
      </section>
      <section aria-labelledby="params-h">
        <h2 id="params-h">Parameters</h2>
        <DataTable
          cls="compact"
          caption={<>Parameter counts by part of the model.</>}
          columns={[
            { label: "Part" },
            { label: "Parameters", numeric: true },
            { label: "Exact", numeric: true },
          ]}
          rows={counts.filter(([, v]) => v !== undefined).map(([k, v]) => (
            <tr>
              <th scope="row">{k}</th>
              <td class="num">{params(v!)}</td>
              <td class="num">{v!.toLocaleString("en-US")}</td>
            </tr>
          ))}
        />
      </section>
    </div>
  );
}

function Files(p: { card: ModelCard | undefined }): Child {
  const files = p.card?.files ?? [];
  return (
    <section aria-labelledby="files-h">
      <h2 id="files-h">Files</h2>
      {files.length === 0
        ? <p class="na">No model card with a file list was found (models/&lt;id&gt;/card.json).</p>
        : (
          <DataTable
            cls="compact"
            caption={<>The files of the model folder with sizes and sha256 checksums.</>}
            columns={[{ label: "Path" }, { label: "Size", numeric: true }, { label: "sha256" }]}
            rows={files.map((f) => (
              <tr>
                <td>
                  <code>{f.path}</code>
                </td>
                <td class="num">{f.bytes === null ? "—" : bytes(f.bytes)}</td>
                <td>
                  <code class="hash">{f.sha256}</code>
                </td>
              </tr>
            ))}
          />
        )}
      {p.card?.json
        ? (
          <details>
            <summary>card.json</summary>
            <pre class="raw">{p.card.json}</pre>
          </details>
        )
        : null}
    </section>
  );
}

function Failures(p: { failures: readonly Failure[] }): Child {
  if (p.failures.length === 0) return null;
  return (
    <section aria-labelledby="f-h">
      <h2 id="f-h">Cells that did not finish</h2>
      <ul>
        {p.failures.map((f) => (
          <li>
            <CellLink cellKey={f.cellKey} /> {f.profile}
            {f.taskId ? ` · ${f.taskId}` : ""} on {f.targetId}: {f.status} — {f.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The page of a model none of whose cells finished: it has no leaderboard row,
 * but the overview links it from its failures, so it gets a page with them.
 */
export function FailedModelPage(
  p: { modelId: string; failures: readonly Failure[]; card: ModelCard | undefined },
): Child {
  const root = useRoot();
  return (
    <Layout title={p.modelId} current="models">
      <p class="crumbs">
        <a href={`${root}models/`}>Models</a> /
      </p>
      <h1 class="id">{p.modelId}</h1>
      <p class="lede">
        No cell of this model finished, so it has no scores and no rank.
      </p>
      <p class="meta">
        Raw records of this model: <a href={`${root}data/models/${slug(p.modelId)}.json`}>JSON</a>
      </p>
      <Failures failures={p.failures} />
      <Files card={p.card} />
    </Layout>
  );
}

/** A model's page. */
export function ModelPage(
  p: { report: Report; row: LeaderboardRow; card: ModelCard | undefined },
): Child {
  const root = useRoot();
  const { report: r, row } = p;
  const m = row.model;
  const kd = r.kd.filter((d) => d.student === m.id);
  const sweeps = r.sweep.filter((s) => s.modelId === m.id);
  const failures = r.failures.filter((f) => f.modelId === m.id);
  return (
    <Layout title={m.id} current="models">
      <p class="crumbs">
        <a href={`${root}models/`}>Models</a> /
      </p>
      <h1 class="id">{m.id}</h1>
      <p class="lede">
        {archLabel(m.architecture)}
        {m.split ? ` ${m.split}` : ""} · {kindOf(m)} · {params(m.params.total)} parameters · rank
        {" "}
        <RankLabel rank={row.rank} /> on the average ({row.average ? fmt(row.average.value) : "—"})
      </p>
      <p class="meta">
        Raw records of this model: <a href={`${root}data/models/${slug(m.id)}.json`}>JSON</a>
      </p>
      <Card row={row} card={p.card} />
      <section aria-labelledby="q-h">
        <h2 id="q-h">Quality</h2>
        <DataTable
          caption={
            <>
              The primary metric of each task, as recorded and normalised to 0–100, with 95%
              intervals, rank and sample count n.
            </>
          }
          columns={[
            { label: "Task" },
            { label: "Metric" },
            { label: "Value (as recorded)", numeric: true },
            { label: "Normalised 0–100", numeric: true },
            { label: "Rank", numeric: true },
            { label: "Samples", numeric: true },
            { label: "Cell" },
          ]}
          rows={
            <>
              {r.tasks.map((t) => {
                const s = row.scores[t.info.id];
                return (
                  <tr>
                    <th scope="row">
                      <TaskLink id={t.info.id} />
                    </th>
                    <td>{s?.metric ?? t.primary}</td>
                    <td class="num">
                      {s
                        ? (
                          <Ci
                            iv={{ value: s.raw.value, low: s.raw.ciLow, high: s.raw.ciHigh }}
                            digits={3}
                          />
                        )
                        : "—"}
                    </td>
                    <td class="num">
                      <Ci iv={s?.norm} />
                    </td>
                    <td class="num">
                      <RankLabel rank={s?.rank} />
                    </td>
                    <td class="num">{s?.n ?? "—"}</td>
                    <td>{s ? <CellLink cellKey={s.cellKey} /> : "—"}</td>
                  </tr>
                );
              })}
              <tr class="total">
                <th scope="row">Average</th>
                <td>normalised</td>
                <td></td>
                <td class="num">
                  <Ci iv={row.average} />
                </td>
                <td class="num">
                  <RankLabel rank={row.rank} />
                </td>
                <td></td>
                <td></td>
              </tr>
            </>
          }
        />
      </section>
      <section aria-labelledby="e-h">
        <h2 id="e-h">Efficiency</h2>
        <DataTable
          caption={<>Efficiency per target at batch size 1.</>}
          columns={[
            { label: "Target" },
            { label: "Metric" },
            ...["Mean", "p50", "p90", "p99", "Stdev", "n"].map((label) => ({
              label,
              numeric: true,
            })),
          ]}
          rows={Object.values(row.efficiency).flatMap((e) =>
            ([["TTFT, ms", e.ttftMs], ["TPOT, ms", e.tpotMs], [
              "Decode tokens/s",
              e.tokensPerS,
            ]] as const).map((
              [label, s],
              i,
            ) => (
              <tr>
                {i === 0
                  ? (
                    <th scope="rowgroup" rowspan={3}>
                      <TargetLink id={e.targetId} />
                      <small>peak {mib(e.peakRssMiB)}</small>
                    </th>
                  )
                  : null}
                <td>{label}</td>
                <td class="num">{ms(s.mean)}</td>
                <td class="num">{ms(s.p50)}</td>
                <td class="num">{ms(s.p90)}</td>
                <td class="num">{ms(s.p99)}</td>
                <td class="num">{ms(s.stdev)}</td>
                <td class="num">{s.n}</td>
              </tr>
            ))
          )}
        />
        {Object.keys(row.efficiency).length === 0 ? <p class="na">No latency cells.</p> : null}
      </section>
      {kd.length > 0
        ? (
          <section aria-labelledby="kd-h">
            <h2 id="kd-h">Distillation gain over {kd[0]!.baseline}</h2>
            <DataTable
              cls="compact"
              caption={
                <>Distilled minus baseline per task, normalised points with a 95% interval.</>
              }
              columns={[
                { label: "Task" },
                { label: "Gain", numeric: true },
                { label: "95% interval" },
                { label: "Method" },
              ]}
              rows={kd.map((d) => (
                <tr class={d.taskId === "avg" ? "total" : undefined}>
                  <th scope="row">{d.taskId === "avg" ? "average" : d.taskId}</th>
                  <td class="num">{signed(d.delta.value)}</td>
                  <td>{fmt(d.delta.low)} to {fmt(d.delta.high)}</td>
                  <td>{d.method}</td>
                </tr>
              ))}
            />
          </section>
        )
        : null}
      {sweeps.length > 0
        ? (
          <section aria-labelledby="sw-h">
            <h2 id="sw-h">Input-length sweep</h2>
            <div class="scroll">
              <SweepTable
                rows={sweeps.flatMap((s) =>
                  s.points.map((pt) => ({
                    targetId: s.targetId,
                    kvCache: s.kvCache,
                    inputTokens: pt.inputTokens,
                    outputTokens: pt.outputTokens,
                    ttftMs: pt.ttftMs,
                    tpotMs: pt.tpotMs,
                    totalMs: pt.totalMs,
                  }))
                )}
              />
            </div>
          </section>
        )
        : null}
      <Failures failures={failures} />
      <Files card={p.card} />
    </Layout>
  );
}
