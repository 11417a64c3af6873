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
      cellText(b.quality, 2),
    ], false)
  );
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
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  const adapter = gpu ? await gpu.requestAdapter().catch(() => null) : null;
  if (adapter) $<HTMLInputElement>("backend-webgpu").disabled = false;
  $("device-threads").textContent = crossOriginIsolated
    ? `Cross-origin isolated: wasm runs on up to ${
      Math.min(4, navigator.hardwareConcurrency || 1)
    } threads. ${adapter ? "WebGPU adapter found." : "No WebGPU adapter."}`
    : `Not cross-origin isolated (a static host without COOP/COEP headers): wasm runs on one thread. ${
      adapter ? "WebGPU adapter found." : "No WebGPU adapter."
    }`;

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
    if (msg.type === "progress") {
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
        ], true));
        if (!shown.has(pair)) {
          shown.add(pair);
          tbody.append(...boardRows(m.board, r.model.id, r.task?.id ?? ""));
        }
      }
    } else if (msg.type === "done") {
      runId = msg.runId;
      progress.value = progress.max;
      status.textContent = `Done: ${records.length} records.`;
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
    const backend = (document.querySelector<HTMLInputElement>("input[name=backend]:checked")
      ?.value ?? "wasm") as "wasm" | "webgpu";
    run.disabled = true;
    download.disabled = true;
    records.length = 0;
    samples.length = 0;
    document.body.dataset.deviceState = "running";
    status.textContent = "Starting…";
    send({
      type: "run",
      models: checked("device-models"),
      tasks: checked("device-tasks"),
      backend,
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
  run.disabled = false;
  status.textContent = "Ready.";
  document.body.dataset.deviceState = "ready";
}

main().catch((err) => {
  $("device-status").textContent = `Error: ${err instanceof Error ? err.message : err}`;
});
