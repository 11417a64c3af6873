/**
 * Prepares the "Run on this device" files of the site: the manifest (models
 * with their record metadata, each task's fixed sample, the board's figures),
 * the model files (int8 where a model has it), onnxruntime-web's wasm, and
 * the page and worker bundles made by `deno task bundle`.
 *
 * @module
 */
import { discoverModels } from "../catalog/mod.ts";
import type { BoardPoint, DeviceManifest, DeviceModel, DeviceTask } from "../core/device.ts";
import { DTYPE_SUFFIX } from "../core/dtype.ts";
import type { CellRecord, SampleRecord } from "../core/record.ts";
import { DEFAULT_SETTINGS } from "../core/run_settings.ts";
import type { TaskDef } from "../core/task.ts";
import { loadSplit } from "../datasets/mod.ts";
import { createMetric, scoreCorpus } from "../metrics/mod.ts";
import { hashModelDir } from "../results/hash.ts";
import { taskAvailability } from "../tasks/availability.ts";
import { loadRegistry } from "../tasks/mod.ts";
import { SHIPPED_TASK_IDS } from "../tasks/shipped.ts";
import { VERSION } from "../version.ts";

/** onnxruntime-web's version (pinned in deno.json, equal to onnxruntime-node's). */
export const ORT_WEB_VERSION = "1.30.0";
/** Samples per task in the device page's fixed sample. */
export const DEVICE_SAMPLE = 8;
const ORT_DIST = new URL(
  `../../node_modules/.deno/onnxruntime-web@${ORT_WEB_VERSION}/node_modules/onnxruntime-web/dist/`,
  import.meta.url,
);
const ORT_FILES = ["ort-wasm-simd-threaded.jsep.wasm", "ort-wasm-simd-threaded.jsep.mjs"];
const MODEL_JSON = [
  "config.json",
  "generation_config.json",
  "tokenizer.json",
  "tokenizer_config.json",
];

/** One file to copy into the site, relative to its `device/` folder. */
export interface DeviceCopy {
  readonly from: string;
  readonly to: string;
}

/** The device page's manifest and the files to copy beside it. */
export interface DeviceFiles {
  readonly manifest: DeviceManifest;
  readonly copies: readonly DeviceCopy[];
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

/**
 * A quality cell's primary metric on the fixed sample: its stored predictions
 * for those samples (all of them, or null), scored with the task's metric.
 */
function sampleQuality(
  q: CellRecord,
  task: { def: TaskDef; ids: readonly string[] },
  samples: ReadonlyMap<string, readonly SampleRecord[]>,
): number | null {
  const byId = new Map((samples.get(q.cellKey) ?? []).map((s) => [s.sampleId, s]));
  const picked = task.ids.map((id) => byId.get(id));
  if (picked.length === 0 || picked.some((s) => s === undefined)) return null;
  const [name, key] = task.def.primary.split(".") as [string, string];
  const spec = task.def.metrics.find((m) => m.name === name);
  if (!spec) return null;
  const scored = scoreCorpus(
    createMetric(name, spec.options ?? {}),
    picked.map((s) => s!.prediction),
    picked.map((s) => s!.references),
    { resamples: 0 },
  );
  return scored.scores[key]?.value ?? null;
}

function board(
  records: readonly CellRecord[],
  samples: ReadonlyMap<string, readonly SampleRecord[]>,
  tasks: ReadonlyMap<string, { def: TaskDef; ids: readonly string[] }>,
): BoardPoint[] {
  const quality = new Map<string, number | null>();
  for (const q of records) {
    const task = q.task ? tasks.get(q.task.id) : undefined;
    if (q.status !== "ok" || q.settings.profile !== "quality" || !task) continue;
    quality.set(`${q.model.id}/${q.task!.id}`, sampleQuality(q, task, samples));
  }
  const out: BoardPoint[] = [];
  for (const r of records) {
    if (r.status !== "ok" || r.settings.profile !== "latency" || !r.task || !r.efficiency) continue;
    out.push({
      model: r.model.id,
      task: r.task.id,
      target: r.target.id,
      ttftMs: r.efficiency.ttftMs.p50,
      tpotMs: r.efficiency.tpotMs.p50,
      decodeTokensPerS: r.efficiency.decodeTokensPerS.p50,
      dtype: r.model.dtype,
      ...(r.efficiency.outputDigests ? { outputDigests: r.efficiency.outputDigests } : {}),
      sampleQuality: quality.get(`${r.model.id}/${r.task.id}`) ?? null,
    });
  }
  return out;
}

/**
 * Builds the manifest and copy list from the model zoo, the tasks and the
 * results (the newest record of each cell).
 *
 * @throws {Error} the bundles are missing (naming `deno task bundle`), or a
 *   model, task or dataset error from the loaders.
 */
export async function prepareDeviceFiles(o: {
  readonly models: string;
  readonly tasks: string;
  readonly datasets: string;
  readonly bundles: string;
  readonly records: readonly CellRecord[];
  /** The store's sample records by cell key (the board's predictions on the fixed sample). */
  readonly samples: ReadonlyMap<string, readonly SampleRecord[]>;
}): Promise<DeviceFiles> {
  const copies: DeviceCopy[] = [];
  for (const f of ["device.js", "worker.js"]) {
    const from = `${o.bundles}/${f}`;
    if (!(await exists(from))) {
      throw new Error(`site: ${from} is missing (run \`deno task bundle\`)`);
    }
    copies.push({ from, to: f });
  }
  for (const f of ORT_FILES) copies.push({ from: new URL(f, ORT_DIST).pathname, to: `ort/${f}` });
  const models: DeviceModel[] = [];
  for (const entry of await discoverModels([o.models])) {
    const onnx = [...Deno.readDirSync(`${entry.dir}/onnx`)].map((e) => e.name).sort();
    const q8 = onnx.filter((n) => n.endsWith("_quantized.onnx"));
    // fp32 too: WebGPU runs fp32 (int8 gives wrong tokens there, see device_cells.ts)
    const suffixes = Object.values(DTYPE_SUFFIX).filter((x) => x !== "");
    const fp32 = onnx.filter((n) => !suffixes.some((x) => n.endsWith(`${x}.onnx`)));
    const chosen = [...q8, ...fp32];
    const files = [
      ...MODEL_JSON.filter((f) => Deno.statSync(`${entry.dir}/${f}`).isFile),
      ...chosen.map((n) => `onnx/${n}`),
    ];
    for (const f of files) {
      copies.push({ from: `${entry.dir}/${f}`, to: `models/${entry.id}/${f}` });
    }
    const hash = await hashModelDir(entry.dir);
    let referenceTexts: string[] = [];
    try {
      const ref = JSON.parse(await Deno.readTextFile(`${entry.dir}/reference.json`));
      referenceTexts = (ref.items ?? []).map((i: { text: string }) => i.text);
    } catch { /* no reference.json: nothing to check */ }
    models.push({
      info: {
        ...entry.info,
        dtype: q8.length > 0 ? "q8" : "fp32",
        bytes: hash.onnxBytes,
        sha256: hash.sha256,
      },
      base: `models/${entry.id}/`,
      files,
      ...(entry.trainedInputTokens ? { inputLimit: entry.trainedInputTokens } : {}),
      referenceTexts,
    });
  }
  const registry = await loadRegistry(o.tasks);
  const tasks: DeviceTask[] = [];
  const fixed = new Map<string, { def: TaskDef; ids: readonly string[] }>();
  // The shipped tasks (bundled into the worker by `src/browser/shipped_tasks.ts`), by id.
  for (const t of registry.tasks.filter((x) => SHIPPED_TASK_IDS.includes(x.id))) {
    const a = await taskAvailability(t, o.datasets);
    if (!a.available) continue;
    const samples = await loadSplit(t, t.dataset.evalSplit, {
      datasetsDir: o.datasets,
      limit: DEVICE_SAMPLE,
    });
    tasks.push({ info: a.info, samples });
    fixed.set(t.id, { def: t, ids: samples.map((x) => x.id) });
  }
  const s = DEFAULT_SETTINGS;
  return {
    manifest: {
      benchVersion: VERSION,
      onnxruntimeWeb: ORT_WEB_VERSION,
      settings: {
        limit: DEVICE_SAMPLE,
        batchSize: s.batchSize,
        latencySamples: s.latencySamples,
        latency: s.latency,
        bootstrapResamples: s.bootstrapResamples,
        seed: s.seed,
      },
      models,
      tasks,
      board: board(o.records, o.samples, fixed),
    },
    copies,
  };
}
