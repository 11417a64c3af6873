/**
 * The device page's Web Worker (bundled to `device/worker.js`): loads
 * onnxruntime-web, runs the chosen models and tasks with the scheduler's
 * passes, and posts progress, records and (for checks) greedy tokens back to
 * the page. Nothing leaves the browser.
 *
 * @module
 */
/// <reference lib="webworker" />
import * as ortWeb from "onnxruntime-web";
import type { DeviceManifest } from "../core/device.ts";
import type { BrowserInfo, Environment } from "../core/target.ts";
import type { OrtRuntime } from "../engine/runtime.ts";
import { type Backend, browserTarget, dtypeFor, runDeviceCells } from "./device_cells.ts";
import type { FromWorker, ToWorker } from "./messages.ts";
import { loadWebModel } from "./web_model.ts";
import { newRunId } from "../results/run_id.ts";

declare const self: DedicatedWorkerGlobalScope;

const ort = ortWeb as unknown as OrtRuntime;
const post = (m: FromWorker): void => self.postMessage(m);

/** Threads of the wasm backend: several only where SharedArrayBuffer is allowed. */
function wasmThreads(): number {
  return self.crossOriginIsolated
    ? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1))
    : 1;
}

function setup(): void {
  ortWeb.env.wasm.wasmPaths = new URL("./ort/", self.location.href).href;
  ortWeb.env.wasm.numThreads = wasmThreads();
  ortWeb.env.wasm.proxy = false;
  ortWeb.env.logLevel = "error";
}

async function queryGpu(): Promise<NonNullable<BrowserInfo["gpu"]> | undefined> {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return undefined;
  const adapter = await gpu.requestAdapter().catch(() => null) as
    | { info?: Record<string, string> }
    | null;
  if (!adapter) return undefined;
  const i = adapter.info ?? {};
  return {
    vendor: String(i.vendor ?? ""),
    architecture: String(i.architecture ?? ""),
    device: String(i.device ?? ""),
    description: String(i.description ?? ""),
  };
}

/** The WebGPU adapter's description, asked of the browser once per worker. */
const gpuInfo = queryGpu();

async function environment(m: DeviceManifest): Promise<Environment> {
  const ua = navigator.userAgent;
  const gpu = await gpuInfo;
  const mem = (navigator as unknown as { deviceMemory?: number }).deviceMemory;
  return {
    hostname: "browser",
    cpu: `browser (${navigator.platform || "unknown platform"})`,
    cores: Math.max(1, navigator.hardwareConcurrency || 1),
    ramGiB: typeof mem === "number" ? mem : 0,
    os: navigator.platform || "unknown",
    deno: "none",
    v8: /Chrom(?:e|ium)\/([\d.]+)/.exec(ua)?.[1] ?? "none",
    onnxruntime: `web ${m.onnxruntimeWeb}`,
    benchVersion: m.benchVersion,
    browser: {
      userAgent: ua,
      crossOriginIsolated: self.crossOriginIsolated,
      wasmThreads: wasmThreads(),
      ...(gpu ? { gpu } : {}),
    },
  };
}

let manifest: DeviceManifest | undefined;

async function getManifest(): Promise<DeviceManifest> {
  if (!manifest) {
    const res = await fetch(new URL("./manifest.json", self.location.href));
    if (!res.ok) throw new Error(`device/manifest.json: HTTP ${res.status}`);
    manifest = await res.json() as DeviceManifest;
  }
  return manifest;
}

async function run(msg: Extract<ToWorker, { type: "run" }>): Promise<void> {
  const m = await getManifest();
  const env = await environment(m);
  const target = browserTarget(msg.backend, wasmThreads());
  const runId = newRunId(new Date(), `browser-${msg.backend}`);
  const pairs = msg.models.flatMap((id) => msg.tasks.map((t) => [id, t] as const));
  let i = 0;
  for (const [modelId, taskId] of pairs) {
    const model = m.models.find((x) => x.info.id === modelId);
    const task = m.tasks.find((x) => x.info.id === taskId);
    if (!model || !task) throw new Error(`unknown model or task: ${modelId} / ${taskId}`);
    const cells = await runDeviceCells({
      ort,
      manifest: m,
      model,
      task,
      measure: msg.measure,
      target,
      environment: env,
      runId,
      progress: (phase, done, total) =>
        post({
          type: "progress",
          label: `${modelId} / ${taskId}`,
          phase,
          done,
          total,
          cell: i,
          cells: pairs.length,
        }),
    });
    for (const c of cells) post({ type: "cell", record: c.record, samples: c.samples });
    i++;
  }
  post({ type: "done", runId });
}

async function tokens(msg: Extract<ToWorker, { type: "tokens" }>): Promise<void> {
  const m = await getManifest();
  const model = m.models.find((x) => x.info.id === msg.model);
  if (!model) throw new Error(`unknown model: ${msg.model}`);
  const target = browserTarget(msg.backend, wasmThreads());
  const loaded = await loadWebModel({
    ort,
    base: model.base,
    files: model.files,
    dtype: dtypeFor(model, msg.backend),
    target: target.id,
    session: { executionProviders: [msg.backend] },
  });
  try {
    const out = await loaded.generate(
      model.referenceTexts.slice(0, msg.count).map((text) => ({ text })),
      { maxNewTokens: msg.maxNewTokens, ignoreEos: true, batchSize: 1 },
    );
    post({
      type: "tokens",
      model: msg.model,
      backend: msg.backend,
      tokens: out.map((r) => r.tokenIds),
    });
  } finally {
    await loaded.dispose();
  }
}

setup();
gpuInfo.then((gpu) =>
  post({
    type: "ready",
    crossOriginIsolated: self.crossOriginIsolated,
    wasmThreads: wasmThreads(),
    webgpu: gpu !== undefined,
  })
);
self.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  const job = msg.type === "run" ? run(msg) : tokens(msg);
  job.catch((err) =>
    post({ type: "error", message: err instanceof Error ? err.message : String(err) })
  );
};

export type { Backend };
