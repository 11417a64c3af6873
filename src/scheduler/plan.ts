/**
 * The plan: models x tasks x targets x profiles as cells, each with its
 * content-addressed key. Quality does not depend on the CPU target, so the
 * quality pass runs once per (model, task), on the first target; the latency
 * pass runs on every target; the sweep runs per (model, target). Reference
 * systems (`model.role` `reference`) get quality cells only, on the tasks
 * they answer; shapes (`model.role` `shape`) get shape cells only, one per
 * target and point of the shape grid their positions allow.
 *
 * @module
 */
import type { CellSettings, ModelInfo, TaskInfo } from "../core/record.ts";
import {
  latencyCellSettings,
  qualityCellSettings,
  type RunSettings,
  shapeCellSettings,
  type ShapePoint,
  shapePoints,
} from "../core/run_settings.ts";
import { type Environment, hardwareId, type Target } from "../core/target.ts";
import type { TaskDef } from "../core/task.ts";
import { canonicalJson, cellKey } from "../results/cell_key.ts";
import { sha256Text } from "../results/sha256_text.ts";
import type { ChatTemplate } from "../engine/chat_template.ts";
import { isReferenceId, referenceApplies } from "../tasks/references.ts";
import type { ModelEntry } from "../catalog/mod.ts";
import type { Profile } from "./settings.ts";
import type { CellSpec } from "./spec.ts";

/** One planned cell. */
export interface PlannedCell {
  /** The cell key. */
  readonly key: string;
  /** Short human label: `model / task / target [profile]`. */
  readonly label: string;
  /** What the child process gets. */
  readonly spec: CellSpec;
  /** Samples in the task's eval split, when known (for time estimates). */
  readonly splitSamples?: number | null;
}

/** A task ready to plan: its definition, record info and module folder. */
export interface PlannableTask {
  /** The definition. */
  readonly task: TaskDef;
  /** Record info (with the dataset hash). */
  readonly info: TaskInfo;
  /** Folder holding the task module (absolute). */
  readonly dir: string;
  /** Samples in the eval split, when known (for time estimates). */
  readonly samples?: number | null;
}

/** A model ready to plan: discovery entry plus content hash and size. */
export interface PlannableModel {
  /** Discovery entry. */
  readonly entry: ModelEntry;
  /** Complete record info. */
  readonly info: ModelInfo;
}

/** Inputs of {@linkcode buildPlan}. */
export interface PlanInput {
  /** Models, in order. */
  readonly models: readonly PlannableModel[];
  /** Tasks, in order. */
  readonly tasks: readonly PlannableTask[];
  /** Available targets, in order; the first runs the quality pass. */
  readonly targets: readonly Target[];
  /** Profiles to plan. */
  readonly profiles: readonly Profile[];
  /** Run settings. */
  readonly settings: RunSettings;
  /** This machine (its CPU identifies the hardware in the key). */
  readonly environment: Environment;
  /** Folder of the shipped datasets (absolute). */
  readonly datasetsDir: string;
  /** Told of each grid point a shape cannot take (its positions run out). */
  readonly onNote?: (message: string) => void;
}

/** The positions the engine gives a model whose config states none (and no tokenizer does). */
const DEFAULT_POSITIONS = 512;

/**
 * Whether a shape cell fits the model's positions, by the engine's rule: a decoder-only
 * model holds input and new tokens in the same positions; an encoder-decoder's encoder holds
 * the input and its decoder the start token and the new tokens.
 */
export function shapeFits(model: PlannableModel, p: ShapePoint): boolean {
  const positions = model.entry.positions ?? DEFAULT_POSITIONS;
  return model.info.architecture === "decoder-only"
    ? p.inputTokens + p.newTokens <= positions
    : p.inputTokens <= positions && 1 + p.newTokens <= positions;
}

/** A shape cell's label part: `64+32 cache on b1`. */
function shapeLabel(p: ShapePoint): string {
  return `${p.inputTokens}+${p.newTokens} cache ${p.kvCache ? "on" : "off"} b${p.batchSize}`;
}

/**
 * The hash of a chat template as the key holds it: its text and special tokens (what the
 * rendered prompt depends on), not the path it was read from.
 */
export function chatTemplateSha256(chat: ChatTemplate): string {
  return sha256Text(canonicalJson({ template: chat.template, specials: chat.specials }));
}

/** Builds the plan; cells with equal keys are planned once. */
export function buildPlan(input: PlanInput): PlannedCell[] {
  const { settings: s, environment: env } = input;
  const cells: PlannedCell[] = [];
  const seen = new Set<string>();
  const add = (
    model: PlannableModel,
    task: PlannableTask | null,
    target: Target,
    settings: CellSettings,
    latencySamples: number,
    what = task?.info.id ?? "synthetic",
  ): void => {
    const chat = model.entry.chatTemplate;
    const key = cellKey({
      modelSha256: model.info.sha256,
      // a variant's files hash with the folder's; a reference system's dtype is "none"
      ...(model.info.dtype !== "fp32" && model.info.role !== "reference"
        ? { dtype: model.info.dtype }
        : {}),
      ...(chat ? { chatTemplateSha256: chatTemplateSha256(chat) } : {}),
      task: task ? { id: task.info.id, version: task.info.version } : null,
      datasetSha256: task ? task.info.datasetSha256 : null,
      target: { id: target.id, providers: target.providers, session: target.session },
      hardware: hardwareId(target, env),
      engine: { bench: env.benchVersion, onnxruntime: env.onnxruntime },
      settings,
    });
    if (seen.has(key)) return;
    seen.add(key);
    cells.push({
      key,
      ...(task?.samples != null ? { splitSamples: task.samples } : {}),
      label: `${model.info.id} / ${what} / ${target.id} [${settings.profile}]`,
      spec: {
        key,
        modelDir: model.entry.dir,
        model: model.info,
        task: task ? { id: task.info.id, dir: task.dir, info: task.info } : null,
        datasetsDir: input.datasetsDir,
        target,
        settings,
        latencySamples,
        ...(model.entry.trainedInputTokens ? { inputLimit: model.entry.trainedInputTokens } : {}),
        ...(chat ? { chatTemplate: chat } : {}),
        bootstrapResamples: s.bootstrapResamples,
      },
    });
  };
  const [first] = input.targets;
  for (const model of input.models) {
    if (model.info.role === "shape") {
      // A shape is timed only: one cell per target and point of the grid, never a task.
      for (const point of shapePoints(s.shapes)) {
        if (!shapeFits(model, point)) {
          input.onNote?.(
            `shape ${model.info.id}: ${shapeLabel(point)} skipped: more than its ${
              model.entry.positions ?? DEFAULT_POSITIONS
            } positions`,
          );
          continue;
        }
        for (const target of input.targets) {
          add(model, null, target, shapeCellSettings(s, point), 0, shapeLabel(point));
        }
      }
      continue;
    }
    const ref = model.info.role === "reference" && isReferenceId(model.info.id)
      ? model.info.id
      : null;
    for (const task of input.tasks) {
      if (ref !== null && !referenceApplies(ref, task.task)) continue;
      const maxNewTokens = task.task.generation.maxNewTokens;
      if (input.profiles.includes("quality") && first) {
        add(model, task, first, qualityCellSettings(s, maxNewTokens), 0);
      }
      if (input.profiles.includes("latency") && ref === null) {
        for (const target of input.targets) {
          add(model, task, target, latencyCellSettings(s, maxNewTokens), s.latencySamples);
        }
      }
    }
    if (input.profiles.includes("sweep") && ref === null) {
      for (const target of input.targets) {
        add(model, null, target, {
          profile: "sweep",
          batchSize: 1,
          maxNewTokens: Math.max(...s.sweep.outputLengths),
          limit: null,
          kvCache: true,
          decoding: "greedy",
          seed: s.seed,
          latency: s.sweepRules,
          sweep: s.sweep,
        }, 0);
      }
    }
  }
  return cells;
}
