/**
 * Task pages: description, kind, length statistics and asymmetry ratio, and
 * the results of every model on the task, with the reference systems that
 * scored it as marked, unranked rows below the ranked ones.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import { raw } from "hono/html";
import type { Report, TaskSummary } from "../../report/mod.ts";
import { taskChart } from "../charts.ts";
import { fmt, signed } from "../format.ts";
import { jsonForScript } from "../json_script.ts";
import type { TaskMeta } from "../input.ts";
import {
  archLabel,
  CellLink,
  ChartFigure,
  Ci,
  kindOf,
  Layout,
  ModelLink,
  Prose,
  RankLabel,
} from "./components.tsx";
import { DataTable } from "./data_table.tsx";
import { useRoot } from "./root.tsx";

/** A task's page. */
export function TaskPage(
  p: { report: Report; task: TaskSummary; meta: TaskMeta | undefined },
): Child {
  const root = useRoot();
  const { report: r, task: t } = p;
  const id = t.info.id;
  const a = r.asymmetry.find((x) => x.taskId === id);
  const gap = r.taskGaps.find((g) => g.taskId === id);
  const rows = r.rows.filter((row) => row.scores[id] !== undefined)
    .sort((x, y) => y.scores[id]!.norm.value - x.scores[id]!.norm.value);
  const refs = r.references.filter((ref) => ref.scores[id] !== undefined);
  const stats: [string, Child][] = a
    ? [
      ["Samples with text", a.samples],
      [
        "Input words: mean / median / p90",
        `${fmt(a.inputWords, 0)} / ${fmt(a.inputWordsP50, 0)} / ${fmt(a.inputWordsP90, 0)}`,
      ],
      [
        "Reference words: mean / median",
        `${fmt(a.referenceWords, 0)} / ${fmt(a.referenceWordsP50, 0)}`,
      ],
      ["Input tokens (median over models)", fmt(a.inputTokens, 0)],
      ["Output tokens (median over models)", fmt(a.outputTokens, 0)],
      [
        "Asymmetry ratio (input / output)",
        a.ratio === null ? "—" : `${fmt(a.ratio, 2)} (${a.ratioBasis})`,
      ],
    ]
    : [];
  return (
    <Layout title={`Task ${id}`} current="tasks" charts>
      <p class="crumbs">
        <a href={`${root}tasks/`}>Tasks</a> /
      </p>
      <h1 class="id">{id}</h1>
      <p class="lede">
        {p.meta?.description
          ? <Prose text={p.meta.description} />
          : `${t.info.family} task (no description found in tasks/).`}
      </p>
      <div class="two">
        <section aria-labelledby="about-h">
          <h2 id="about-h">About</h2>
          <dl class="facts">
            <dt>Family</dt>
            <dd>{t.info.family}</dd>
            <dt>Kind</dt>
            <dd>{t.info.kind}</dd>
            <dt>Direction</dt>
            <dd>{t.info.direction.replaceAll("_", " ")}</dd>
            <dt>Version</dt>
            <dd>{t.info.version}</dd>
            <dt>Split scored</dt>
            <dd>{t.info.split}</dd>
            <dt>Primary metric</dt>
            <dd>{t.primary} ({t.higherIsBetter ? "higher" : "lower"} is better)</dd>
            <dt>Metrics</dt>
            <dd>{p.meta?.metrics.join(", ") ?? "—"}</dd>
            <dt>Dataset sha256</dt>
            <dd>
              <code class="hash">{t.info.datasetSha256}</code>
            </dd>
            {p.meta?.dataset
              ? (
                <>
                  <dt>Dataset</dt>
                  <dd>
                    <a href={`https://huggingface.co/datasets/${p.meta.dataset.repo}`}>
                      {p.meta.dataset.repo}
                    </a>{" "}
                    (config {p.meta.dataset.config}) at <code>{p.meta.dataset.revision}</code>
                    {p.meta.dataset.sha
                      ? (
                        <>
                          , commit <code class="hash">{p.meta.dataset.sha}</code>
                        </>
                      )
                      : null}
                  </dd>
                  <dt>Licence</dt>
                  <dd>{p.meta.dataset.licence}</dd>
                </>
              )
              : null}
            <dt>Ties decided by</dt>
            <dd>{t.tieMethod}</dd>
          </dl>
        </section>
        <section aria-labelledby="len-h">
          <h2 id="len-h">Lengths and asymmetry</h2>
          <dl class="facts">
            {stats.map(([k, v]) => (
              <>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </>
            ))}
            {gap
              ? (
                <>
                  <dt>Enc-dec minus dec-only baseline</dt>
                  <dd>
                    {signed(gap.gap.value)} points ({fmt(gap.gap.low)} to {fmt(gap.gap.high)}),{" "}
                    {gap.encDec} vs {gap.decOnly}
                  </dd>
                </>
              )
              : null}
          </dl>
        </section>
      </div>
      <section aria-labelledby="res-h">
        <h2 id="res-h">Results</h2>
        <DataTable
          sortable
          caption={
            <>
              {t.primary} per model with its 95% bootstrap interval; ranks marked “=” are tied (
              {t.tieMethod === "paired-bootstrap"
                ? "paired bootstrap on per-sample scores"
                : "overlapping intervals"}).
              {refs.length > 0 ? " Rows marked “ref” are reference systems, not ranked." : null}
            </>
          }
          columns={[
            { label: "Rank", numeric: true },
            { label: "Model" },
            { label: "Arch" },
            { label: "Type" },
            { label: "Value (as recorded)", numeric: true },
            { label: "Normalised", numeric: true },
            { label: "Samples", numeric: true },
            { label: "Cell" },
          ]}
          rows={rows.map((row) => {
            const s = row.scores[id]!;
            return (
              <tr>
                <td class="num" data-v={s.rank?.rank ?? ""}>
                  <RankLabel rank={s.rank} />
                </td>
                <th scope="row" data-v={row.model.id}>
                  <ModelLink id={row.model.id} />
                </th>
                <td>
                  {archLabel(row.model.architecture)}
                  {row.model.split ? ` ${row.model.split}` : ""}
                </td>
                <td>{kindOf(row.model)}</td>
                <td class="num" data-v={s.raw.value}>
                  <Ci
                    iv={{ value: s.raw.value, low: s.raw.ciLow, high: s.raw.ciHigh }}
                    digits={3}
                  />
                </td>
                <td class="num" data-v={s.norm.value}>
                  <Ci iv={s.norm} />
                </td>
                <td class="num" data-v={s.n}>{s.n}</td>
                <td>
                  <CellLink cellKey={s.cellKey}>instances</CellLink>
                </td>
              </tr>
            );
          })}
          more={refs.length > 0
            ? (
              <tbody class="refs">
                {refs.map((ref) => {
                  const s = ref.scores[id]!;
                  return (
                    <tr class="reference" data-kind="reference" data-id={ref.model.id}>
                      <td class="num">
                        <span class="badge" title="Reference system: not ranked">ref</span>
                      </td>
                      <th scope="row">{ref.model.id}</th>
                      <td>reference</td>
                      <td>reference</td>
                      <td class="num">
                        <Ci
                          iv={{ value: s.raw.value, low: s.raw.ciLow, high: s.raw.ciHigh }}
                          digits={3}
                        />
                      </td>
                      <td class="num">
                        <Ci iv={s.norm} />
                      </td>
                      <td class="num">{s.n}</td>
                      <td>
                        <CellLink cellKey={s.cellKey}>instances</CellLink>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            )
            : null}
        />
        <ChartFigure
          id="chart-task"
          title="Scores with their intervals"
          desc={`${t.primary}, normalised 0–100, 95% bootstrap interval per model (blue: encoder-decoder, orange: decoder-only); dashed lines: reference systems.`}
          label={`${t.primary} per model with 95% intervals and the reference systems as lines. Data: the table above.`}
          fallback="Charts need JavaScript; the same numbers are in the table above."
        />
        <script type="application/json" id="task-chart-data">
          {raw(jsonForScript(taskChart(r, id)))}
        </script>
      </section>
    </Layout>
  );
}
