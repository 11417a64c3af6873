/**
 * The device page's script (bundled to `device/device.js`): fills the
 * pickers from `manifest.json`, starts the worker, shows progress and
 * results beside the board's figures, and offers the records as a download.
 *
 * @module
 */
import type { BoardPoint, DeviceManifest } from "../core/device.ts";
import type { CellRecord, SampleRecord } from "../core/record.ts";
import type { FromWorker, ToWorker } from "./messages.ts";
import { cellFileName, sampleFileName } from "../results/run_id.ts";
import { type DeviceAgreement, deviceAgreement } from "./device_agreement.ts";
import { axis, chartJs, drawChart } from "./chart.ts";
import { type DeviceChartData, deviceChartData } from "./device_chart.ts";
import type { DeviceMeasure } from "./device_cells.ts";

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

function checkbox(name: string, value: string, checked: boolean): HTMLLabelElement {
  const label = document.createElement("label");
  const input = document.createElement("input");
  input.type = "checkbox";
  input.name = name;
  input.value = value;
  input.checked = checked;
  label.append(input, ` ${value} `);
  return label;
}

function cellText(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined || !Number.isFinite(v) ? "–" : v.toFixed(digits);
}

function row(cols: string[], mine: boolean): HTMLTableRowElement {
  const tr = document.createElement("tr");
  if (mine) tr.className = "mine";
  cols.forEach((c, i) => {
    const td = document.createElement("td");
    if (i >= 3) td.className = "num";
    td.textContent = c;
    tr.append(td);
  });
  return tr;
}

function boardRows(
  board: readonly BoardPoint[],
  model: string,
  task: string,
): HTMLTableRowElement[] {
  return board.filter((b) => b.model === model && b.task === task).map((b) =>
    row([
      b.model,
      b.task,
      b.target,
      cellText(b.ttftMs),
      cellText(b.tpotMs, 2),
      cellText(b.decodeTokensPerS, 0),
      cellText(b.sampleQuality, 2),
      "",
    ], false)
  );
}

/** The board's colours are for targets; this device's series stands out. */
const BOARD_COLORS = ["#0072b2", "#009e73", "#56b4e9", "#e69f00", "#6e7781"];
const MINE_COLOR = "#cc79a7";

/** A bar dataset: a label, a value per (model, task) pair, a colour. */
interface Series {
  readonly label: string;
  readonly data: readonly (number | null)[];
  readonly backgroundColor: string | undefined;
}

/**
 * A horizontal bar chart of the pairs, on a log axis (timings) or 0-100 (quality), with
 * the site's chart defaults.
 */
function drawBars(
  id: string,
  labels: readonly string[],
  series: readonly Series[],
  title: string,
  log: boolean,
): void {
  drawChart(id, {
    type: "bar",
    data: {
      labels: labels as string[],
      datasets: series.map((s) => ({ ...s, data: s.data as (number | null)[] })),
    },
    options: {
      indexAxis: "y",
      scales: {
        x: log
          ? axis(title, { type: "logarithmic" as const })
          : axis(title, { min: 0, suggestedMax: 100 }),
        // "model · task" on two lines, so that narrow screens keep both names whole
        y: {
          ticks: {
            callback(v) {
              return this.getLabelForValue(Number(v)).split(" · ");
            },
          },
        },
      },
    },
  });
}

/**
 * Draws the TTFT and TPOT charts (one bar per target for each (model, task)
 * pair, log axis) and the quality chart (the board's and this device's, 0-100).
 */
function drawCharts(data: DeviceChartData): void {
  if (!chartJs()) return;
  $("device-charts").hidden = data.labels.length === 0;
  const charts: [string, "ttftMs" | "tpotMs", string][] = [
    ["device-ttft-chart", "ttftMs", "TTFT p50, ms (log scale)"],
    ["device-tpot-chart", "tpotMs", "TPOT p50, ms (log scale)"],
  ];
  for (const [id, field, title] of charts) {
    let k = 0;
    drawBars(
      id,
      data.labels,
      data.series.map((s) => ({
        label: s.label,
        data: s[field],
        backgroundColor: s.mine ? MINE_COLOR : BOARD_COLORS[k++ % BOARD_COLORS.length],
      })),
      title,
      true,
    );
  }
  // a latency-only run has no quality to draw
  $("device-quality-chart").closest("figure")!.hidden = data.quality.every((s) =>
    s.values.every((v) => v === null)
  );
  drawBars(
    "device-quality-chart",
    data.labels,
    data.quality.map((s) => ({
      label: s.label,
      data: s.values,
      backgroundColor: s.mine ? MINE_COLOR : BOARD_COLORS[0],
    })),
    "Primary metric, 0–100",
    false,
  );
}

/** "3/3", "1/3 (differs)", or the reason there is nothing to compare. */
function agreementText(a: DeviceAgreement): string {
  if ("reason" in a) return `– (${a.reason})`;
  return `${a.matched}/${a.of}${a.matched < a.of ? " (differs)" : ""}`;
}

function checked(fieldset: string): string[] {
  return [...$(fieldset).querySelectorAll<HTMLInputElement>("input:checked")].map((i) => i.value);
}

async function main(): Promise<void> {
  const status = $("device-status");
  const progress = $<HTMLProgressElement>("device-progress");
  const res = await fetch("./manifest.json");
  if (!res.ok) {
    status.textContent = `The device files are not built (manifest.json: HTTP ${res.status}).`;
    return;
  }
  const m = await res.json() as DeviceManifest;
  m.models.forEach((x, i) => $("device-models").append(checkbox("model", x.info.id, i === 0)));
  m.tasks.forEach((x, i) => $("device-tasks").append(checkbox("task", x.info.id, i === 0)));
  const worker = new Worker(new URL("./worker.js", location.href), { type: "module" });
  const records: CellRecord[] = [];
  const samples: SampleRecord[] = [];
  let runId = "";
  const tokenWaiters: {
    resolve: (m: Extract<FromWorker, { type: "tokens" }>) => void;
    reject: (e: Error) => void;
  }[] = [];
  const send = (msg: ToWorker): void => worker.postMessage(msg);
  const run = $<HTMLButtonElement>("device-run");
  const download = $<HTMLButtonElement>("device-download");
  const tbody = $("device-results").querySelector("tbody")!;
  const shown = new Set<string>();

  worker.onmessage = (e: MessageEvent<FromWorker>) => {
    const msg = e.data;
    if (msg.type === "ready") {
      if (msg.webgpu) $<HTMLInputElement>("backend-webgpu").disabled = false;
      const n = msg.wasmThreads;
      $("device-threads").textContent = `${
        msg.crossOriginIsolated
          ? "Cross-origin isolated"
          : "Not cross-origin isolated (a static host without COOP/COEP headers)"
      }: wasm runs on ${n === 1 ? "one thread" : `${n} threads`}. ${
        msg.webgpu ? "WebGPU adapter found." : "No WebGPU adapter."
      }`;
      document.body.dataset.wasmThreads = String(msg.wasmThreads);
      run.disabled = false;
      status.textContent = "Ready.";
      document.body.dataset.deviceState = "ready";
    } else if (msg.type === "progress") {
      progress.max = msg.cells;
      progress.value = msg.cell + (msg.total > 0 ? msg.done / msg.total : 0);
      status.textContent = `${msg.label}: ${msg.phase} ${msg.done}/${msg.total}`;
    } else if (msg.type === "cell") {
      records.push(msg.record);
      samples.push(...msg.samples);
      const r = msg.record;
      const pair = `${r.model.id}/${r.task?.id}`;
      if (r.settings.profile === "latency") {
        const q = records.find((x) =>
          x.settings.profile === "quality" && x.model.id === r.model.id && x.task?.id === r.task?.id
        );
        const e = r.efficiency;
        tbody.append(row([
          r.model.id,
          r.task?.id ?? "",
          `${r.target.id} (this device)`,
          cellText(e?.ttftMs.p50),
          cellText(e?.tpotMs.p50, 2),
          cellText(e?.decodeTokensPerS.p50, 0),
          cellText(q?.quality?.metrics[q.quality.primary]?.value, 2),
          agreementText(deviceAgreement(m.board, r)),
        ], true));
        if (!shown.has(pair)) {
          shown.add(pair);
          tbody.append(...boardRows(m.board, r.model.id, r.task?.id ?? ""));
        }
        drawCharts(deviceChartData(m.board, records));
      }
    } else if (msg.type === "done") {
      runId = msg.runId;
      progress.value = progress.max;
      status.textContent = `Done: ${records.length} record${records.length === 1 ? "" : "s"}.`;
      run.disabled = false;
      download.disabled = records.length === 0;
      document.body.dataset.deviceState = "done";
    } else if (msg.type === "tokens") {
      tokenWaiters.shift()?.resolve(msg);
    } else if (msg.type === "error") {
      tokenWaiters.shift()?.reject(new Error(msg.message));
      status.textContent = `Error: ${msg.message}`;
      run.disabled = false;
      document.body.dataset.deviceState = "error";
    }
  };

  $("device-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const models = checked("device-models"), tasks = checked("device-tasks");
    if (models.length === 0 || tasks.length === 0) {
      status.textContent = "Pick at least one model and one task.";
      return;
    }
    const backend = (document.querySelector<HTMLInputElement>("input[name=backend]:checked")
      ?.value ?? "wasm") as "wasm" | "webgpu";
    const measure = (document.querySelector<HTMLInputElement>("input[name=measure]:checked")
      ?.value ?? "all") as DeviceMeasure;
    run.disabled = true;
    download.disabled = true;
    records.length = 0;
    samples.length = 0;
    tbody.replaceChildren();
    shown.clear();
    document.body.dataset.deviceState = "running";
    status.textContent = "Starting…";
    send({
      type: "run",
      models,
      tasks,
      backend,
      measure,
    });
  });

  download.addEventListener("click", () => {
    const lines = (xs: readonly unknown[]): string =>
      xs.map((x) => JSON.stringify(x)).join("\n") + "\n";
    const files: [string, string][] = [
      [cellFileName(runId), lines(records)],
      [sampleFileName(runId), lines(samples)],
    ];
    for (const [name, body] of files) {
      const a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([body], { type: "application/x-ndjson" }));
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    }
  });

  // For checks: greedy tokens of a model's reference inputs on a backend.
  (globalThis as unknown as Record<string, unknown>).deviceTokens = (
    model: string,
    backend: "wasm" | "webgpu",
    maxNewTokens: number,
    count: number,
  ) =>
    new Promise((resolve, reject) => {
      tokenWaiters.push({ resolve: (msg) => resolve(msg.tokens), reject });
      send({ type: "tokens", model, backend, maxNewTokens, count });
    });
}

main().catch((err) => {
  $("device-status").textContent = `Error: ${err instanceof Error ? err.message : err}`;
});
