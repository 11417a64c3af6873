/**
 * Runs the device page's cells in the browser with the scheduler's own
 * `runCell` (same quality and latency passes as `deno task eval`), the
 * engine on onnxruntime-web, and turns each outcome into a results record.
 *
 * @module
 */
import type { CellRecord, CellSettings, SampleRecord } from "../core/record.ts";
import { CELL_SCHEMA } from "../core/record.ts";
import type { DeviceManifest, DeviceModel, DeviceTask } from "../core/device.ts";
import { latencyCellSettings, qualityCellSettings } from "../core/run_settings.ts";
import { type Environment, hardwareId, type Target } from "../core/target.ts";
import { NO_ENERGY } from "../energy/rapl.ts";
import { createMetric, scoreCorpus } from "../metrics/mod.ts";
import { cellKey } from "../results/cell_key.ts";
import { type CellDeps, runCell } from "../scheduler/run_cell.ts";
import type { CellSpec } from "../scheduler/spec.ts";
import { postprocess } from "../tasks/postprocess.ts";
import { renderSample } from "../tasks/render.ts";
import type { OrtRuntime } from "../engine/runtime.ts";
import { SHIPPED_TASKS } from "./shipped_tasks.ts";
import { loadWebModel } from "./web_model.ts";

/** A browser backend: onnxruntime-web's wasm or webgpu execution provider. */
export type Backend = "wasm" | "webgpu";

/**
 * What the page measures for each model and task: the quality pass on the fixed sample and the
 * latency pass (`all`, the default, as eval's default profile), or the latency pass alone (the
 * timings and the token check without the quality sample's generations, for a slow device).
 */
export type DeviceMeasure = "all" | "latency";

/** The cells of one model and task for a choice of what to measure: quality first, then latency. */
export function deviceCellSettings(
  s: DeviceManifest["settings"],
  maxNewTokens: number,
  measure: DeviceMeasure,
): CellSettings[] {
  const latency = latencyCellSettings(s, maxNewTokens);
  return measure === "latency" ? [latency] : [qualityCellSettings(s, maxNewTokens), latency];
}

/** The record target of a backend. */
export function browserTarget(backend: Backend, threads: number): Target {
  return backend === "wasm"
    ? {
      id: "browser-wasm",
      label: `Browser, wasm (${threads} thread${threads === 1 ? "" : "s"})`,
      device: "cpu",
      providers: [{ name: "wasm" }],
      session: { intraOpNumThreads: threads },
    }
    : {
      id: "browser-webgpu",
      label: "Browser, WebGPU",
      device: "gpu",
      providers: [{ name: "webgpu" }],
      session: {},
    };
}

/**
 * The weights a backend runs: the manifest's (int8 where a model has it) on
 * wasm, fp32 on WebGPU, where onnxruntime-web 1.30's int8 kernels gave wrong
 * greedy tokens on SwiftShader (fp32 gave the engine's).
 */
export function dtypeFor(model: DeviceModel, backend: Backend): string {
  return backend === "webgpu" ? "fp32" : model.info.dtype;
}

function deps(
  ort: OrtRuntime,
  model: DeviceModel,
  task: DeviceTask,
  target: Target,
  onFiles: (done: number, total: number) => void,
): CellDeps {
  return {
    loadModel: (_dir, o) =>
      loadWebModel({
        onFiles,
        ort,
        base: model.base,
        files: model.files,
        dtype: o.dtype ?? "fp32",
        target: target.id,
        session: {
          executionProviders: target.providers.map((p) => p.name),
          ...(target.session.intraOpNumThreads
            ? { intraOpNumThreads: target.session.intraOpNumThreads }
            : {}),
        },
      }),
    loadTask: (_dir, id) => {
      const t = SHIPPED_TASKS.get(id);
      if (!t) return Promise.reject(new Error(`task ${id} is not bundled`));
      return Promise.resolve(t);
    },
    loadSplit: (_task, _split, o) =>
      Promise.resolve(task.samples.slice(0, o.limit ?? task.samples.length)),
    render: (t, s, pool) => renderSample(t, s, pool),
    postprocess: (raw, t) => postprocess(raw, { stop: t.generation.stop, steps: t.postprocess }),
    createMetric: (name, options) => createMetric(name, options),
    scoreCorpus: (m, p, r, o) => scoreCorpus(m, p, r, o),
    // a page cannot read its process's memory: unknown, not 0
    peakRssMiB: () => null,
    // a browser reads no energy counters (RAPL is a Deno-side file read)
    energyMeter: () => ({ start() {}, stop() {}, result: () => NO_ENERGY }),
  };
}

/** One finished cell. */
export interface DeviceCell {
  readonly record: CellRecord;
  readonly samples: readonly SampleRecord[];
}

/** Runs the quality and/or the latency cell (`measure`) of one model and task on a backend. */
export async function runDeviceCells(o: {
  ort: OrtRuntime;
  manifest: DeviceManifest;
  model: DeviceModel;
  task: DeviceTask;
  measure: DeviceMeasure;
  target: Target;
  environment: Environment;
  runId: string;
  progress: (phase: string, done: number, total: number) => void;
}): Promise<DeviceCell[]> {
  const s = o.manifest.settings;
  const t = SHIPPED_TASKS.get(o.task.info.id);
  if (!t) throw new Error(`task ${o.task.info.id} is not bundled`);
  const all = deviceCellSettings(s, t.generation.maxNewTokens, o.measure);
  const out: DeviceCell[] = [];
  const backend: Backend = o.target.id === "browser-webgpu" ? "webgpu" : "wasm";
  const modelInfo = { ...o.model.info, dtype: dtypeFor(o.model, backend) };
  for (const settings of all) {
    const key = cellKey({
      modelSha256: modelInfo.sha256,
      task: { id: o.task.info.id, version: o.task.info.version },
      datasetSha256: o.task.info.datasetSha256,
      target: { id: o.target.id, providers: o.target.providers, session: o.target.session },
      hardware: hardwareId(o.target, o.environment),
      engine: { bench: o.environment.benchVersion, onnxruntime: o.environment.onnxruntime },
      settings,
    });
    const spec: CellSpec = {
      key,
      modelDir: o.model.base,
      model: modelInfo,
      task: { id: o.task.info.id, dir: "", info: o.task.info },
      datasetsDir: "",
      target: o.target,
      settings,
      latencySamples: settings.profile === "latency" ? s.latencySamples : 0,
      ...(o.model.inputLimit ? { inputLimit: o.model.inputLimit } : {}),
      bootstrapResamples: s.bootstrapResamples,
    };
    const started = new Date();
    const outcome = await runCell(
      spec,
      deps(
        o.ort,
        o.model,
        o.task,
        o.target,
        (done, total) => o.progress(`${settings.profile}: download`, done, total),
      ),
      (phase, done, total) => o.progress(`${settings.profile}: ${phase}`, done, total),
    );
    const finished = new Date();
    out.push({
      record: {
        schema: CELL_SCHEMA,
        runId: o.runId,
        cellKey: key,
        status: "ok",
        startedAt: started.toISOString(),
        finishedAt: finished.toISOString(),
        durationS: (finished.getTime() - started.getTime()) / 1000,
        model: outcome.model,
        task: o.task.info,
        target: {
          id: o.target.id,
          label: o.target.label,
          device: o.target.device,
          providers: o.target.providers,
          session: o.target.session,
        },
        settings,
        quality: outcome.quality,
        efficiency: outcome.efficiency,
        sweep: null,
        environment: o.environment,
        error: null,
      },
      samples: outcome.samples,
    });
  }
  return out;
}
