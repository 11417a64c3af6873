/**
 * The leaderboard as a Hono app: every page, asset and download is a GET
 * route, so the same app serves in development and renders to static files
 * with `toSSG` (dynamic routes list their parameters with `ssgParams`).
 *
 * @module
 */
import { Hono } from "hono";
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { disableSSG, ssgParams } from "hono/ssg";
import {
  type CellRecord,
  csvText,
  type FlatTable,
  reportTables,
  tableObjects,
} from "../report/mod.ts";
import type { SiteAssets, SiteInput } from "./input.ts";
import { slug } from "./slug.ts";
import { pageCount, samplePage } from "./sample_pages.ts";
import { CellPage } from "./pages/cell.tsx";
import { ComparePage } from "./pages/compare.tsx";
import { GlossaryPage } from "./pages/glossary.tsx";
import { DevicePage } from "./pages/device.tsx";
import { DownloadsPage, ModelsPage, TargetsPage, TasksPage } from "./pages/lists.tsx";
import { FailedModelPage, ModelPage } from "./pages/model.tsx";
import { contendedKey, OverviewPage } from "./pages/overview/mod.ts";
import { TargetPage } from "./pages/target.tsx";
import { TaskPage } from "./pages/task.tsx";
import { AtPath } from "./pages/root.tsx";

/**
 * The cells with a page, by slug: quality cells (the instance viewer) and cells that did not
 * finish; latency and sweep numbers live on model and target pages, their records in
 * `data/models/`.
 */
export function cellPages(records: ReadonlyMap<string, CellRecord>): Map<string, CellRecord> {
  return new Map(
    [...records.values()]
      .filter((c) => c.settings.profile === "quality" || c.status !== "ok")
      .map((c) => [slug(c.cellKey), c]),
  );
}

// The one place a page learns where it sits: its links and assets are relative to its path.
function page(c: Context, node: Child): Response {
  return c.html(`<!doctype html>\n${String(<AtPath path={c.req.path}>{node}</AtPath>)}`);
}

/**
 * Creates the site app from its input and assets.
 *
 * @example
 * ```ts ignore
 * const app = createSiteApp(input, assets);
 * const res = await app.request("/");
 * ```
 */
export function createSiteApp(
  input: SiteInput,
  assets: SiteAssets,
  tables: readonly FlatTable[] = reportTables(input.report),
): Hono {
  const r = input.report;
  const tableByFile = new Map<string, FlatTable>();
  for (const t of tables) {
    tableByFile.set(`${t.name}.csv`, t);
    tableByFile.set(`${t.name}.json`, t);
  }
  const rows = new Map(r.rows.map((row) => [slug(row.model.id), row]));
  // Models none of whose cells finished have no row; their failures still link to a page.
  const failedOnly = new Map<string, string>();
  for (const f of r.failures) {
    if (!rows.has(slug(f.modelId))) failedOnly.set(slug(f.modelId), f.modelId);
  }
  const tasks = new Map(r.tasks.map((t) => [slug(t.info.id), t]));
  const targets = new Map(r.targets.map((t) => [slug(t.info.id), t]));
  const cells = cellPages(input.records);
  // Quality cells with samples per task: what a cell's instances can be compared with.
  const quality = new Map<string, CellRecord[]>();
  for (const c of cells.values()) {
    if (c.task === null || c.status !== "ok" || !input.samples.has(c.cellKey)) continue;
    const list = quality.get(c.task.id) ?? [];
    list.push(c);
    quality.set(c.task.id, list);
  }
  for (const list of quality.values()) list.sort((a, b) => a.model.id.localeCompare(b.model.id));
  const recordsByModel = new Map<string, CellRecord[]>();
  for (const c of input.records.values()) {
    const s = slug(c.model.id);
    const list = recordsByModel.get(s) ?? [];
    list.push(c);
    recordsByModel.set(s, list);
  }

  const app = new Hono();
  // (model, target) pairs with a latency cell measured under contention: flagged on the overview.
  const contended = new Set(
    [...input.records.values()].filter((c) =>
      c.settings.profile === "latency" && c.status === "ok" && c.efficiency?.load?.contended
    ).map((c) => contendedKey(c.model.id, c.target.id)),
  );
  app.get("/", (c) => page(c, <OverviewPage report={r} contended={contended} />));
  app.get("/models/", (c) => page(c, <ModelsPage report={r} />));
  app.get("/tasks/", (c) => page(c, <TasksPage report={r} />));
  app.get("/targets/", (c) => page(c, <TargetsPage report={r} />));
  app.get("/compare/", (c) => page(c, <ComparePage report={r} />));
  app.get("/glossary/", (c) => page(c, <GlossaryPage />));
  app.get("/downloads/", (c) => page(c, <DownloadsPage report={r} tables={tables} />));
  app.get("/device/", (c) => page(c, <DevicePage />));

  const modelSlugs = [...rows.keys(), ...failedOnly.keys()];
  app.get("/models/:slug/", ssgParams(() => modelSlugs.map((s) => ({ slug: s }))), (c) => {
    const row = rows.get(c.req.param("slug"));
    const failedId = failedOnly.get(c.req.param("slug"));
    if (!row && failedId !== undefined) {
      return page(
        c,
        <FailedModelPage
          modelId={failedId}
          failures={r.failures.filter((f) => f.modelId === failedId)}
          card={input.modelCards.get(failedId)}
        />,
      );
    }
    if (!row) return c.notFound();
    return page(c, <ModelPage report={r} row={row} card={input.modelCards.get(row.model.id)} />);
  });
  app.get("/tasks/:slug/", ssgParams(() => [...tasks.keys()].map((s) => ({ slug: s }))), (c) => {
    const t = tasks.get(c.req.param("slug"));
    if (!t) return c.notFound();
    return page(c, <TaskPage report={r} task={t} meta={input.taskMeta.get(t.info.id)} />);
  });
  app.get(
    "/targets/:slug/",
    ssgParams(() => [...targets.keys()].map((s) => ({ slug: s }))),
    (c) => {
      const t = targets.get(c.req.param("slug"));
      if (!t) return c.notFound();
      return page(c, <TargetPage report={r} target={t} />);
    },
  );
  app.get("/cells/:slug/", ssgParams(() => [...cells.keys()].map((s) => ({ slug: s }))), (c) => {
    const cell = cells.get(c.req.param("slug"));
    if (!cell) return c.notFound();
    const peers = cell.task === null
      ? []
      : (quality.get(cell.task.id) ?? []).filter((o) => o.cellKey !== cell.cellKey);
    return page(
      c,
      <CellPage
        cell={cell}
        samples={input.samples.get(cell.cellKey)?.length ?? 0}
        peers={peers.map((o) => ({ cellKey: o.cellKey, modelId: o.model.id, target: o.target.id }))}
      />,
    );
  });

  // A cell's raw record; its samples are in data/samples/<cell>/<page>.json.
  app.get(
    "/data/cells/:file",
    ssgParams(() =>
      [...cells].filter(([, c]) => input.samples.has(c.cellKey)).map(([s]) => ({
        file: `${s}.json`,
      }))
    ),
    (c) => {
      const file = c.req.param("file");
      const cell = file.endsWith(".json") ? cells.get(file.slice(0, -5)) : undefined;
      if (!cell || !input.samples.has(cell.cellKey)) return c.notFound();
      const n = input.samples.get(cell.cellKey)?.length ?? 0;
      const s = slug(cell.cellKey);
      return c.json({
        cell,
        samples: n,
        samplePages: Array.from(
          { length: pageCount(n) },
          (_, i) => `../samples/${s}/${i + 1}.json`,
        ),
      });
    },
  );
  // The samples' pages, like the report and the tables, are written by the build in pieces.
  app.get(
    "/data/samples/:cell/:file",
    disableSSG(),
    (c) => {
      const cell = cells.get(c.req.param("cell"));
      const m = /^([1-9][0-9]*)\.json$/.exec(c.req.param("file"));
      if (!cell || !m) return c.notFound();
      const page = samplePage(cell.cellKey, input.samples.get(cell.cellKey) ?? [], Number(m[1]));
      return page === null ? c.notFound() : c.json(page);
    },
  );
  app.get(
    "/data/models/:file",
    ssgParams(() => [...recordsByModel.keys()].map((s) => ({ file: `${s}.json` }))),
    (c) => {
      const file = c.req.param("file");
      const list = file.endsWith(".json") ? recordsByModel.get(file.slice(0, -5)) : undefined;
      if (!list) return c.notFound();
      return c.json(list);
    },
  );
  // The report and the tables grow with the store: the build writes them in pieces
  // (`data_files.ts`), so static generation passes them by.
  app.get("/data/report.json", disableSSG(), (c) => c.json(r));
  app.get(
    "/data/:file",
    disableSSG(),
    (c) => {
      const file = c.req.param("file");
      const t = tableByFile.get(file);
      if (!t) return c.notFound();
      if (file.endsWith(".json")) return c.json(tableObjects(t));
      return c.body(csvText(t.columns, t.rows), 200, { "Content-Type": "text/csv; charset=utf-8" });
    },
  );

  const asset = (body: string, type: string) => (c: Context): Response =>
    c.body(body, 200, { "Content-Type": type });
  app.get("/assets/style.css", asset(assets.css, "text/css; charset=utf-8"));
  app.get("/assets/client.js", asset(assets.clientJs, "text/javascript; charset=utf-8"));
  app.get("/assets/chart.umd.min.js", asset(assets.chartJs, "text/javascript; charset=utf-8"));
  return app;
}
