/**
 * One cell, inside its subprocess: load the model on the target, run the
 * cell's profile, and return the outcome. The only place that wires the
 * engine, the tasks and the metrics together.
 *
 * @module
 */
import type { Metric } from "../core/metric.ts";
import type {
  CellSettings,
  Efficiency,
  MetricValue,
  ModelInfo,
  Quality,
  SampleRecord,
} from "../core/record.ts";
import { SAMPLE_SCHEMA } from "../core/record.ts";
import type { Sample, SplitName } from "../core/sample.ts";
import type { TaskDef } from "../core/task.ts";
import type { GenerateResult, LoadedModel, LoadOptions } from "../engine/types.ts";
import { renderChat } from "../engine/chat_template.ts";
import type { CorpusScore } from "../metrics/mod.ts";
import { DEFAULT_SEED } from "../metrics/bootstrap.ts";
import { sha256Text } from "../results/sha256_text.ts";
import { isReferenceId, referencePrediction } from "../tasks/references.ts";
import {
  fitIds,
  fitInput,
  type ProgressFn,
  shapePass,
  sweepPass,
  timedLoop,
  timingStats,
} from "./passes.ts";
import { type EnergyMeter, energyMeter } from "../energy/mod.ts";
import type { CellOutcome, CellSpec } from "./spec.ts";

/** What a cell needs from the rest of the system (injected by `src/cli/cell.ts`). */
export interface CellDeps {
  /** Loads a model folder on a target. */
  readonly loadModel: (dir: string, options: LoadOptions) => Promise<LoadedModel>;
  /** Loads a task by id from a tasks folder. */
  readonly loadTask: (dir: string, id: string) => Promise<TaskDef>;
  /** Loads a split of a task, limited to the first `limit` samples. */
  readonly loadSplit: (
    task: TaskDef,
    split: SplitName,
    options: { datasetsDir: string; limit?: number },
  ) => Promise<Sample[]>;
  /** Renders a sample: encoder-decoder source and decoder-only prompt. */
  readonly render: (
    task: TaskDef,
    sample: Sample,
    pool?: readonly Sample[],
  ) => { source: string; prompt: string; references: string[] };
  /** Post-processes a raw generation. */
  readonly postprocess: (raw: string, task: TaskDef) => string;
  /** Creates a metric. */
  readonly createMetric: (
    name: string,
    options?: Readonly<Record<string, string | number | boolean>>,
  ) => Metric;
  /** Scores a corpus with bootstrap CIs. */
  readonly scoreCorpus: (
    metric: Metric,
    predictions: readonly string[],
    references: readonly (readonly string[])[],
    options: { resamples: number; seed: number },
  ) => CorpusScore;
  /**
   * Peak resident memory of this process in MiB; null where the target cannot
   * read its process memory (a browser page).
   */
  readonly peakRssMiB: () => number | null;
  /** The energy meter of the latency pass (default: RAPL where readable, else `none`). */
  readonly energyMeter?: () => EnergyMeter;
}

function refineModel(spec: CellSpec, model: LoadedModel): ModelInfo {
  const p = model.info.params;
  return {
    ...spec.model,
    modelType: model.info.modelType,
    params: spec.model.params.total > 0 ? spec.model.params : p,
    dtype: model.info.dtype,
    bytes: model.info.bytes,
  };
}

async function samplesFor(
  spec: CellSpec,
  deps: CellDeps,
  task: TaskDef,
  limit: number | null,
): Promise<{ inputs: string[]; samples: Sample[]; references: string[][] }> {
  const samples = await deps.loadSplit(task, task.dataset.evalSplit, {
    datasetsDir: spec.datasetsDir,
    ...(limit !== null ? { limit } : {}),
  });
  if (samples.length === 0) throw new Error(`task ${task.id} has no samples`);
  const decoderOnly = spec.model.architecture === "decoder-only";
  const pool = decoderOnly && task.fewShot
    ? await deps.loadSplit(task, task.fewShot.split, { datasetsDir: spec.datasetsDir })
    : undefined;
  const rendered = samples.map((s) => deps.render(task, s, pool));
  return {
    samples,
    // the task decides the instruction and demonstrations, the model the wrapping
    inputs: rendered.map((r) =>
      !decoderOnly
        ? r.source
        : spec.chatTemplate
        ? renderChat(spec.chatTemplate, r.prompt)
        : r.prompt
    ),
    references: rendered.map((r) => r.references),
  };
}

/** Batches per generate call in the quality pass (between progress reports). */
const QUALITY_GROUP = 4;

async function qualityPass(
  spec: CellSpec,
  deps: CellDeps,
  model: LoadedModel,
  task: TaskDef,
  progress: ProgressFn,
): Promise<{ quality: Quality; efficiency: Efficiency; samples: SampleRecord[] }> {
  const { inputs, samples, references } = await samplesFor(spec, deps, task, spec.settings.limit);
  const bs = spec.settings.batchSize;
  // Every input is tokenized once; the whole split is then batched by length (stable, so
  // equal lengths keep sample order), which pads least; results go back in sample order.
  const window = spec.grouping === "window";
  const requests = inputs.map((text) =>
    window
      ? fitInput(model, text, spec.settings.maxNewTokens, spec.inputLimit)
      : { inputIds: fitIds(model, text, spec.settings.maxNewTokens, spec.inputLimit) }
  );
  const size = (k: number): number => (requests[k] as { inputIds?: number[] }).inputIds!.length;
  const order = requests.map((_, i) => i);
  if (!window) order.sort((a, b) => size(a) - size(b) || a - b);
  const step = bs * QUALITY_GROUP;
  const results: GenerateResult[] = new Array(inputs.length);
  const t0 = performance.now();
  for (let i = 0; i < order.length; i += step) {
    const span = order.slice(i, i + step);
    const out = await model.generate(span.map((k) => requests[k]!), {
      maxNewTokens: spec.settings.maxNewTokens,
      stop: task.generation.stop,
      kvCache: spec.settings.kvCache,
      batchSize: bs,
      // The earlier rule sorts within each window; the whole split is sorted already.
      groupByLength: window,
      decoding: { kind: "greedy" },
    });
    out.forEach((r, j) => (results[span[j]!] = r));
    progress("quality", Math.min(i + step, order.length), order.length);
  }
  const wallS = (performance.now() - t0) / 1000;
  const predictions = results.map((r) => deps.postprocess(r.text, task));
  const scored = scorePredictions(spec, deps, task, { samples, inputs, references, predictions });
  const records: SampleRecord[] = scored.samples.map((record, i) => {
    const r = results[i]!;
    return {
      ...record,
      inputTokens: r.inputTokens,
      outputTokens: r.outputTokens,
      ...(r.text !== record.prediction ? { rawPrediction: r.text } : {}),
      finishReason: r.finishReason,
    };
  });
  const outTokens = results.reduce((s, r) => s + r.outputTokens, 0);
  return {
    quality: scored.quality,
    efficiency: {
      ...timingStats(results),
      loadMs: model.info.loadMs,
      peakRssMiB: deps.peakRssMiB(),
      warmupRuns: 0,
      examplesPerS: wallS > 0 ? results.length / wallS : 0,
      generatedTokensPerS: wallS > 0 ? outTokens / wallS : 0,
    },
    samples: records,
  };
}

/**
 * Scores a cell's predictions with every metric of the task: the corpus
 * values with bootstrap CIs, and one sample record per prediction (token
 * counts 0; the model pass fills them in).
 */
function scorePredictions(
  spec: CellSpec,
  deps: CellDeps,
  task: TaskDef,
  run: {
    samples: readonly Sample[];
    inputs: readonly string[];
    references: readonly string[][];
    predictions: readonly string[];
  },
): { quality: Quality; samples: SampleRecord[] } {
  const { samples, inputs, references, predictions } = run;
  const metrics: Record<string, MetricValue> = {};
  const signatures: Record<string, string> = {};
  const perSample: Record<string, number>[] = predictions.map(() => ({}));
  // One bootstrap seed for every interval and paired test (docs/metrics.md), not the decoding seed.
  const boot = { resamples: spec.bootstrapResamples, seed: DEFAULT_SEED };
  for (const m of task.metrics) {
    const metric = deps.createMetric(m.name, m.options ?? {});
    const scored = deps.scoreCorpus(metric, predictions, references, boot);
    for (const [key, value] of Object.entries(scored.scores)) metrics[`${m.name}.${key}`] = value;
    signatures[m.name] = scored.signature;
    predictions.forEach((p, i) => {
      const scores = metric.sampleScores(p, references[i] ?? []);
      for (const [k, v] of Object.entries(scores)) {
        if (Number.isFinite(v)) perSample[i]![`${m.name}.${k}`] = v;
      }
    });
  }
  const records: SampleRecord[] = predictions.map((prediction, i) => ({
    schema: SAMPLE_SCHEMA,
    cellKey: spec.key,
    sampleId: samples[i]?.id ?? String(i),
    inputSha256: sha256Text(inputs[i] ?? ""),
    input: inputs[i] ?? "",
    references: references[i] ?? [],
    prediction,
    scores: perSample[i] ?? {},
    inputTokens: 0,
    outputTokens: 0,
  }));
  return {
    quality: { primary: task.primary, metrics, n: predictions.length, bootstrap: boot, signatures },
    samples: records,
  };
}

/**
 * A reference system's quality cell (`model.role` is `reference`): its
 * predictions come from `tasks/references.ts` instead of a model, and are
 * scored like a model's. No model is loaded and nothing is timed.
 */
async function referenceCell(
  spec: CellSpec,
  deps: CellDeps,
  progress: ProgressFn,
): Promise<CellOutcome> {
  const id = spec.model.id;
  if (!isReferenceId(id)) throw new Error(`unknown reference system "${id}"`);
  if (!spec.task || spec.settings.profile !== "quality") {
    throw new Error(`reference system ${id} runs quality cells only`);
  }
  const task = await deps.loadTask(spec.task.dir, spec.task.id);
  const { inputs, samples, references } = await samplesFor(spec, deps, task, spec.settings.limit);
  const predictions = samples.map((s) => referencePrediction(id, task, s));
  progress("quality", predictions.length, predictions.length);
  const scored = scorePredictions(spec, deps, task, { samples, inputs, references, predictions });
  return {
    model: spec.model,
    quality: scored.quality,
    efficiency: null,
    sweep: null,
    samples: scored.samples,
  };
}

/** A shape cell's efficiency: the fixed-length pass, with memory, energy and output digest. */
async function shapeEfficiency(
  deps: CellDeps,
  model: LoadedModel,
  settings: CellSettings,
  progress: ProgressFn,
): Promise<Efficiency> {
  const meter = (deps.energyMeter ?? energyMeter)();
  const { results, generatedTokensPerS } = await shapePass(model, settings, progress, meter);
  return {
    ...timingStats(results),
    loadMs: model.info.loadMs,
    peakRssMiB: deps.peakRssMiB(),
    warmupRuns: settings.latency?.warmupRuns ?? 0,
    generatedTokensPerS,
    energy: meter.result(results.reduce((n, r) => n + r.outputTokens, 0)),
    // the first row of the first timed run: the same ids on every target agree
    outputDigests: results.slice(0, 1).map((r) => sha256Text(r.tokenIds.join(","))),
  };
}

/** Runs one cell and returns its outcome; throws on any failure. */
export async function runCell(
  spec: CellSpec,
  deps: CellDeps,
  progress: ProgressFn = () => {},
): Promise<CellOutcome> {
  if (spec.model.role === "reference") return await referenceCell(spec, deps, progress);
  progress("load", 0, 1);
  // Side-by-side quality workers run with fewer threads than the target's; the key keeps it.
  const target = spec.threads === undefined ? spec.target : {
    ...spec.target,
    session: { ...spec.target.session, intraOpNumThreads: spec.threads, interOpNumThreads: 1 },
  };
  const model = await deps.loadModel(spec.modelDir, {
    target,
    ...(spec.model.dtype !== "fp32" ? { dtype: spec.model.dtype } : {}),
    // A shape has no tokenizer: it is fed token ids.
    ...(spec.model.role === "shape" ? { idsOnly: true } : {}),
  });
  progress("load", 1, 1);
  try {
    const info = refineModel(spec, model);
    const settings = spec.settings;
    if ((spec.model.role === "shape") !== (settings.profile === "shape")) {
      throw new Error(`a shape runs shape cells only, and only a shape does (${settings.profile})`);
    }
    if (settings.profile === "sweep") {
      if (!settings.sweep || !settings.latency) throw new Error("sweep cell without a sweep grid");
      const sweep = await sweepPass(model, settings.sweep, settings.latency, progress);
      return { model: info, quality: null, efficiency: null, sweep, samples: [] };
    }
    if (settings.profile === "shape") {
      return {
        model: info,
        quality: null,
        efficiency: await shapeEfficiency(deps, model, settings, progress),
        sweep: null,
        samples: [],
      };
    }
    if (!spec.task) throw new Error(`${settings.profile} cell without a task`);
    const task = await deps.loadTask(spec.task.dir, spec.task.id);
    if (settings.profile === "quality") {
      const q = await qualityPass(spec, deps, model, task, progress);
      return {
        model: info,
        quality: q.quality,
        efficiency: q.efficiency,
        sweep: null,
        samples: q.samples,
      };
    }
    const rules = settings.latency;
    if (!rules) throw new Error("latency cell without repetition rules");
    const { inputs } = await samplesFor(spec, deps, task, spec.latencySamples);
    const meter = (deps.energyMeter ?? energyMeter)();
    const results = await timedLoop(
      model,
      inputs.map((text) => fitInput(model, text, settings.maxNewTokens, spec.inputLimit)),
      {
        maxNewTokens: settings.maxNewTokens,
        stop: task.generation.stop,
        kvCache: settings.kvCache,
        decoding: { kind: "greedy" },
      },
      rules,
      progress,
      "latency",
      meter,
    );
    return {
      model: info,
      quality: null,
      efficiency: {
        ...timingStats(results),
        loadMs: model.info.loadMs,
        peakRssMiB: deps.peakRssMiB(),
        warmupRuns: rules.warmupRuns,
        energy: meter.result(results.reduce((n, r) => n + r.outputTokens, 0)),
        // the first timed run of each latency sample (the loop cycles through them in order)
        outputDigests: results.slice(0, inputs.length).map((r) => sha256Text(r.tokenIds.join(","))),
      },
      sweep: null,
      samples: [],
    };
  } finally {
    await model.dispose();
  }
}
