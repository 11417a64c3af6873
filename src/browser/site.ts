/**
 * The board's page script (bundled by `deno task bundle` to
 * `leaderboard/.device/site.js`, served as `assets/client.js` on every page):
 * table sorting and filtering, the target selector, the state in the URL, the
 * instance viewer, and the charts (chart.js, loaded from the site): the overview's, a task
 * page's and the shapes page's. An
 * external, classic script (an IIFE bundle): it runs under the site's strict
 * CSP. The tables work without it; this only enhances them.
 *
 * @module
 */
"use strict";
import type { OverviewCharts, ShapeCharts, TaskChart } from "../site/chart_data.ts";
import { chartJs } from "./chart.ts";
import { drawOverviewCharts } from "./overview_charts.ts";
import { drawShapeCharts } from "./shape_chart.ts";
import { applyColumns, applyFilter, sortTable } from "./tables.ts";
import { drawTaskChart } from "./task_chart.ts";
import { loadState, saveState, stateForm } from "./url_state.ts";
import { initViewer } from "./viewer.ts";

/** The parsed JSON of a `<script type="application/json">` block, or null without one. */
function jsonBlock<T>(id: string): T | null {
  const el = document.getElementById(id);
  return el ? JSON.parse(el.textContent!) as T : null;
}

/** Runs a chart's drawing now when chart.js is there, else once the page has loaded. */
function whenChartJs(draw: () => void): void {
  if (chartJs()) draw();
  else globalThis.addEventListener("load", draw);
}

function main(): void {
  document.documentElement.classList.add("js");
  const form = stateForm();

  for (const table of document.querySelectorAll<HTMLTableElement>("table.sortable")) {
    for (const button of table.querySelectorAll("thead button.sort")) {
      button.addEventListener("click", () => {
        sortTable(table, button.closest("th")!);
        saveState(form);
      });
    }
  }

  const select = document.getElementById("target-select") as HTMLSelectElement | null;
  if (select && select.value === "" && !new URLSearchParams(location.search).has("target")) {
    // The first target by default: one set of efficiency columns, the compact view.
    const first = Array.from(select.options).find((o) => o.value !== "");
    if (first) select.value = first.value;
  }
  loadState(form);
  for (const f of document.querySelectorAll<HTMLFormElement>("form.controls[data-table]")) {
    f.addEventListener("submit", (e) => e.preventDefault());
    const update = () => {
      applyColumns(f);
      applyFilter(f);
      if (f === form) saveState(form);
    };
    f.addEventListener("input", update);
    f.addEventListener("change", update);
    applyColumns(f);
    applyFilter(f);
  }

  const viewer = document.getElementById("viewer");
  if (viewer) initViewer(viewer);

  const data = jsonBlock<OverviewCharts>("chart-data");
  const taskData = jsonBlock<TaskChart>("task-chart-data");
  if (taskData) whenChartJs(() => drawTaskChart(taskData));
  const shapeData = jsonBlock<ShapeCharts>("shape-chart-data");
  if (shapeData) whenChartJs(() => drawShapeCharts(shapeData));

  // The overview's charts follow the target selector.
  const applyTarget = () => {
    const t = select ? select.value : "";
    if (data) drawOverviewCharts(data, t || (data.targets[0] ? data.targets[0].id : ""));
  };
  if (select) select.addEventListener("change", applyTarget);
  if (data) whenChartJs(applyTarget);
}

main();
