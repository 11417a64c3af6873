/**
 * The compare page: chosen models side by side, task by task (normalised
 * primary metric with its interval, n and rank), their averages and their
 * efficiency per target. Every model is a column in the HTML; the column
 * picker (kept in the URL, `?cols=a,b`) shows the chosen ones.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import type { Report } from "../../report/mod.ts";
import { fmt, ms } from "../format.ts";
import { slug } from "../slug.ts";
import { archClass, Ci, Layout, ModelLink, RankLabel, TaskLink, Term } from "./components.tsx";
import { DataTable } from "./data_table.tsx";
import { useRoot } from "./root.tsx";

/** The compare page (the first two models of the leaderboard chosen by default). */
export function ComparePage(p: { report: Report }): Child {
  const root = useRoot();
  const r = p.report;
  const models = r.rows;
  const col = (id: string): string => `m-${slug(id)}`;
  return (
    <Layout title="Compare models" current="compare">
      <h1>Compare models</h1>
      <p class="lede">
        Pick two or more models to see them side by side on every task. Each cell links to the
        cell's page, where the instance viewer compares predictions sample by sample.
      </p>
      <form class="controls" id="cmp-controls" data-table="cmp" data-url-state>
        <fieldset class="cols">
          <legend>Models</legend>
          {models.map((row, i) => (
            <label class={archClass(row.model.architecture)}>
              <input type="checkbox" name="col" value={col(row.model.id)} checked={i < 2} />{" "}
              <span class="arch">{row.model.id}</span>
            </label>
          ))}
        </fieldset>
      </form>
      <DataTable
        id="cmp"
        cls="compare"
        label="Models side by side"
        caption={
          <>
            Normalised primary metric (0–100) per task with its 95% interval, n and rank; the
            average; TTFT and decode tokens/s per target.
          </>
        }
        columns={[
          { label: "Task" },
          ...models.map((row) => ({
            label: <ModelLink id={row.model.id} />,
            numeric: true,
            cls: `model ${archClass(row.model.architecture)}`,
            col: col(row.model.id),
          })),
        ]}
        rows={
          <>
            {r.tasks.map((t) => (
              <tr>
                <th scope="row">
                  <TaskLink id={t.info.id} />
                  <small>{t.primary} · {t.info.kind}</small>
                </th>
                {models.map((row) => {
                  const s = row.scores[t.info.id];
                  return (
                    <td class="num" data-col={col(row.model.id)}>
                      {s
                        ? (
                          <a href={`${root}cells/${slug(s.cellKey)}/`}>
                            <Ci iv={s.norm} />
                          </a>
                        )
                        : <Ci iv={null} />}
                      {s
                        ? (
                          <span class="ci">
                            n {s.n} · rank <RankLabel rank={s.rank} />
                          </span>
                        )
                        : null}
                    </td>
                  );
                })}
              </tr>
            ))}
            <tr class="total">
              <th scope="row">
                <Term k="avg">Average</Term>
              </th>
              {models.map((row) => (
                <td class="num" data-col={col(row.model.id)}>
                  <Ci iv={row.average} />
                  <span class="ci">
                    rank <RankLabel rank={row.rank} />
                  </span>
                </td>
              ))}
            </tr>
            {r.targets.map((t) => (
              <tr>
                <th scope="row">
                  <Term k="ttft" /> · <Term k="toks" />
                  <small>{t.info.id}</small>
                </th>
                {models.map((row) => {
                  const e = row.efficiency[t.info.id];
                  return (
                    <td class="num" data-col={col(row.model.id)}>
                      {e
                        ? (
                          <>
                            <span class="v">{ms(e.ttftMs.mean)} ms</span>
                            <span class="ci">{fmt(e.tokensPerS.mean)} tok/s</span>
                          </>
                        )
                        : <span class="na">—</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </>
        }
      />
    </Layout>
  );
}
