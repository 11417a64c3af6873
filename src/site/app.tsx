/**
 * The leaderboard as a Hono app: every page, asset and download is a GET
 * route, so the same app serves in development and renders to static files
 * with `toSSG` (dynamic routes list their parameters with `ssgParams`). The routes only map
 * paths to what `site_index.ts` computed.
 *
 * @module
 */
import { Hono } from "hono";
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { disableSSG, ssgParams } from "hono/ssg";
import { csvText, tableObjects } from "../report/mod.ts";
import type { SiteAssets } from "./input.ts";
import type { SiteIndex } from "./site_index.ts";
import { samplePage } from "./sample_pages.ts";
import { CellPage } from "./pages/cell.tsx";
import { ComparePage } from "./pages/compare.tsx";
import { GlossaryPage } from "./pages/glossary.tsx";
import { DevicePage } from "./pages/device.tsx";
import { DownloadsPage, ModelsPage, TargetsPage, TasksPage } from "./pages/lists.tsx";
import { FailedModelPage, ModelPage } from "./pages/model.tsx";
import { OverviewPage } from "./pages/overview/mod.ts";
import { ShapesPage } from "./pages/shapes.tsx";
import { TargetPage } from "./pages/target.tsx";
import { TaskPage } from "./pages/task.tsx";
import { AtPath } from "./pages/root.tsx";

// The one place a page learns where it sits: its links and assets are relative to its path.
function page(c: Context, node: Child): Response {
  return c.html(`<!doctype html>\n${String(<AtPath path={c.req.path}>{node}</AtPath>)}`);
}

/** The `ssgParams` of a route whose parameter `name` takes each of `keys`. */
function each(name: string, keys: Iterable<string>) {
  return ssgParams(() => [...keys].map((k) => ({ [name]: k })));
}

/**
 * Creates the site app over its index and assets.
 *
 * @example
 * ```ts ignore
 * const app = createSiteApp(buildSiteIndex(input), assets);
 * const res = await app.request("/");
 * ```
 */
export function createSiteApp(index: SiteIndex, assets: SiteAssets): Hono {
  const r = index.report;
  const app = new Hono();
  app.get("/", (c) => page(c, <OverviewPage report={r} contended={index.contended} />));
  app.get("/models/", (c) => page(c, <ModelsPage report={r} />));
  app.get("/tasks/", (c) => page(c, <TasksPage report={r} />));
  app.get("/targets/", (c) => page(c, <TargetsPage report={r} />));
  app.get("/compare/", (c) => page(c, <ComparePage report={r} />));
  app.get("/glossary/", (c) => page(c, <GlossaryPage />));
  app.get("/downloads/", (c) => page(c, <DownloadsPage report={r} tables={index.tables} />));
  app.get("/device/", (c) => page(c, <DevicePage />));
  app.get("/shapes/", (c) => page(c, <ShapesPage report={r} mirrors={index.shapeMirrors} />));

  app.get("/models/:slug/", each("slug", index.models.keys()), (c) => {
    const m = index.models.get(c.req.param("slug"));
    if (!m) return c.notFound();
    if (m.row === null) {
      return page(
        c,
        <FailedModelPage modelId={m.modelId} failures={m.failures} card={m.card} />,
      );
    }
    return page(c, <ModelPage report={r} row={m.row} card={m.card} />);
  });
  app.get("/tasks/:slug/", each("slug", index.tasks.keys()), (c) => {
    const t = index.tasks.get(c.req.param("slug"));
    if (!t) return c.notFound();
    return page(c, <TaskPage report={r} task={t.task} meta={t.meta} />);
  });
  app.get("/targets/:slug/", each("slug", index.targets.keys()), (c) => {
    const t = index.targets.get(c.req.param("slug"));
    if (!t) return c.notFound();
    return page(c, <TargetPage report={r} target={t} />);
  });
  app.get("/cells/:slug/", each("slug", index.cells.keys()), (c) => {
    const e = index.cells.get(c.req.param("slug"));
    if (!e) return c.notFound();
    return page(c, <CellPage cell={e.cell} samples={e.samples} peers={e.peers} />);
  });

  // A cell's raw record; its samples are in data/samples/<cell>/<page>.json.
  app.get("/data/cells/:file", each("file", index.cellFiles.keys()), (c) => {
    const d = index.cellFiles.get(c.req.param("file"));
    return d ? c.json(d) : c.notFound();
  });
  app.get("/data/models/:file", each("file", index.modelFiles.keys()), (c) => {
    const list = index.modelFiles.get(c.req.param("file"));
    return list ? c.json(list) : c.notFound();
  });
  // What grows with the store (the samples' pages, the report, the tables) the build writes in
  // pieces (`data_files.ts`), so static generation passes these routes by.
  app.get("/data/samples/:cell/:file", disableSSG(), (c) => {
    const e = index.cells.get(c.req.param("cell"));
    const m = /^([1-9][0-9]*)\.json$/.exec(c.req.param("file"));
    if (!e || !m) return c.notFound();
    const key = e.cell.cellKey;
    const json = samplePage(key, index.samples.get(key) ?? [], Number(m[1]));
    return json === null ? c.notFound() : c.json(json);
  });
  app.get("/data/report.json", disableSSG(), (c) => c.json(r));
  app.get("/data/:file", disableSSG(), (c) => {
    const file = c.req.param("file");
    const t = index.tableByFile.get(file);
    if (!t) return c.notFound();
    if (file.endsWith(".json")) return c.json(tableObjects(t));
    return c.body(csvText(t.columns, t.rows), 200, { "Content-Type": "text/csv; charset=utf-8" });
  });

  const asset = (body: string, type: string) => (c: Context): Response =>
    c.body(body, 200, { "Content-Type": type });
  app.get("/assets/style.css", asset(assets.css, "text/css; charset=utf-8"));
  app.get("/assets/client.js", asset(assets.clientJs, "text/javascript; charset=utf-8"));
  app.get("/assets/chart.umd.min.js", asset(assets.chartJs, "text/javascript; charset=utf-8"));
  return app;
}
