/**
 * Index pages: models, tasks, targets, downloads.
 *
 * @module
 */
import type { Child } from "hono/jsx";
import { type FlatTable, REFERENCE_TARGET, type Report, sumAgreement } from "../../report/mod.ts";
import { fmt, params, when } from "../format.ts";
import {
  AgreementCell,
  archLabel,
  kindOf,
  Layout,
  ModelLink,
  RankLabel,
  TargetLink,
  TaskLink,
} from "./components.tsx";
import { DataTable } from "./data_table.tsx";
import { useRoot } from "./root.tsx";

/** The list of models. */
export function ModelsPage(p: { report: Report }): Child {
  return (
    <Layout title="Models" current="models">
      <h1>Models</h1>
      <DataTable
        sortable
        caption={
          <>
            Every model with its architecture, split, type, size, rank and average quality (0–100).
          </>
        }
        columns={[
          { label: "Model" },
          { label: "Architecture" },
          { label: "Split" },
          { label: "Type" },
          { label: "Params", numeric: true },
          { label: "Rank", numeric: true },
          { label: "Average", numeric: true },
        ]}
        rows={p.report.rows.map((r) => (
          <tr>
            <th scope="row" data-v={r.model.id}>
              <ModelLink id={r.model.id} />
            </th>
            <td>{archLabel(r.model.architecture)}</td>
            <td>{r.model.split ?? "—"}</td>
            <td>{kindOf(r.model)}</td>
            <td class="num" data-v={r.model.params.total}>{params(r.model.params.total)}</td>
            <td class="num" data-v={r.rank?.rank ?? ""}>
              <RankLabel rank={r.rank} />
            </td>
            <td class="num" data-v={r.average?.value ?? ""}>{fmt(r.average?.value)}</td>
          </tr>
        ))}
      />
    </Layout>
  );
}

/** The list of tasks. */
export function TasksPage(p: { report: Report }): Child {
  return (
    <Layout title="Tasks" current="tasks">
      <h1>Tasks</h1>
      <DataTable
        caption={
          <>Every task with its family, kind, direction, primary metric and asymmetry ratio.</>
        }
        columns={[
          { label: "Task" },
          { label: "Family" },
          { label: "Kind" },
          { label: "Direction" },
          { label: "Primary metric" },
          { label: "Asymmetry", numeric: true },
        ]}
        rows={p.report.tasks.map((t) => {
          const a = p.report.asymmetry.find((x) => x.taskId === t.info.id);
          return (
            <tr>
              <th scope="row">
                <TaskLink id={t.info.id} />
              </th>
              <td>{t.info.family}</td>
              <td>{t.info.kind}</td>
              <td>{t.info.direction.replaceAll("_", " ")}</td>
              <td>{t.primary}</td>
              <td class="num">{fmt(a?.ratio, 2)}</td>
            </tr>
          );
        })}
      />
    </Layout>
  );
}

/** The list of targets. */
export function TargetsPage(p: { report: Report }): Child {
  return (
    <Layout title="Targets" current="targets">
      <h1>Targets</h1>
      <DataTable
        caption={
          <>
            Every hardware target measured, with its device and number of runs, and how many latency
            samples gave the {REFERENCE_TARGET} target's greedy tokens on the same model files.
          </>
        }
        columns={[
          { label: "Target" },
          { label: "Label" },
          { label: "Device" },
          { label: "CPU" },
          { label: "Cores", numeric: true },
          { label: "Runs", numeric: true },
          { label: <>Same tokens as {REFERENCE_TARGET}</>, numeric: true },
        ]}
        rows={p.report.targets.map((t) => (
          <tr>
            <th scope="row">
              <TargetLink id={t.info.id} />
            </th>
            <td>{t.info.label}</td>
            <td>{t.info.device}</td>
            <td>{t.environment.cpu}</td>
            <td class="num">{t.environment.cores}</td>
            <td class="num">{t.runs.length}</td>
            {t.info.id === REFERENCE_TARGET ? <td class="num">reference</td> : (
              <AgreementCell
                a={sumAgreement(p.report.agreement.filter((x) => x.targetId === t.info.id))}
              />
            )}
          </tr>
        ))}
      />
    </Layout>
  );
}

/** The downloads page: every table as CSV and JSON, and the runs. */
export function DownloadsPage(p: { report: Report; tables: readonly FlatTable[] }): Child {
  const root = useRoot();
  return (
    <Layout title="Downloads" current="downloads">
      <h1>Downloads</h1>
      <p class="lede">
        Every table of the leaderboard as CSV and JSON (numbers unrounded, missing values empty or
        null), plus the whole report as one JSON file:{" "}
        <a href={`${root}data/report.json`}>report.json</a>.
      </p>
      <DataTable
        caption={<>Every table of the report as CSV and JSON.</>}
        columns={[
          { label: "Table" },
          { label: "What it holds" },
          { label: "Rows", numeric: true },
          { label: "Files" },
        ]}
        rows={p.tables.map((t) => (
          <tr>
            <th scope="row">{t.name}</th>
            <td>{t.title}</td>
            <td class="num">{t.rows.length}</td>
            <td>
              <a href={`${root}data/${t.name}.csv`}>CSV</a> ·{" "}
              <a href={`${root}data/${t.name}.json`}>JSON</a>
            </td>
          </tr>
        ))}
      />
      <h2>Runs</h2>
      <DataTable
        caption={<>The runs in the results store, oldest first.</>}
        columns={[
          { label: "Run" },
          { label: "Started" },
          { label: "Finished" },
          { label: "Cells ok", numeric: true },
          { label: "Not finished", numeric: true },
        ]}
        rows={p.report.runs.map((r) => (
          <tr>
            <th scope="row">{r.runId}</th>
            <td>{when(r.startedAt)}</td>
            <td>{when(r.finishedAt)}</td>
            <td class="num">{r.ok}</td>
            <td class="num">{r.failed}</td>
          </tr>
        ))}
      />
    </Layout>
  );
}
