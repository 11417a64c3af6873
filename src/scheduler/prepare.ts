/**
 * From flags to a plan: discover and select models, tasks and targets, check
 * every config (a malformed one is a one-line error before anything is
 * written), probe which targets this machine has, hash the model files and
 * the datasets, and build the plan.
 *
 * @module
 */
import { discoverModels, isHubModelSpec, readHubModels } from "../catalog/mod.ts";
import { ConfigError, DatasetError } from "../core/errors.ts";
import type { ModelInfo } from "../core/record.ts";
import type { RunSettings, ShapeGrid } from "../core/run_settings.ts";
import type { Environment, Target } from "../core/target.ts";
import { hashModelDir, sha256Text } from "../results/hash.ts";
import { taskAvailability } from "../tasks/availability.ts";
import { REFERENCE_SYSTEMS, REFERENCE_VERSION, type ReferenceId } from "../tasks/references.ts";
import { loadRegistry } from "../tasks/registry.ts";
import { builtinTargets, loadTargetsFile, probeTargets } from "../targets/mod.ts";
import { buildPlan, type PlannableModel, type PlannableTask, type PlannedCell } from "./plan.ts";
import { selectIds } from "./select.ts";
import { shapeModels } from "./shape_models.ts";
import type { Profile } from "./settings.ts";

/** What to plan. */
export interface PrepareOptions {
  /** Folders holding model folders (or model folders themselves). */
  readonly modelRoots: readonly string[];
  /**
   * `--models` patterns; undefined selects every model and every reference
   * system (`ref-copy`, `ref-unanswerable`, `ref-lead`), which patterns
   * select like models.
   */
  readonly models?: readonly string[];
  /**
   * The dtype variant of every model (`--dtype`: fp32, fp16, q8, int8, uint8, q4, q4f16,
   * bnb4); undefined reads each local model in its card's dtype, else fp32, and Hub models
   * in fp32.
   */
  readonly dtype?: string;
  /** The Hub cache folder for `ORG/NAME` models (default: from the environment). */
  readonly hubCacheDir?: string;
  /** False leaves the reference systems out (default true). */
  readonly references?: boolean;
  /** Folder of task modules. */
  readonly tasksDir: string;
  /** `--tasks` patterns. */
  readonly tasks?: readonly string[];
  /** Folder of shipped datasets. */
  readonly datasetsDir: string;
  /** `--targets` patterns; undefined selects every available target. */
  readonly targets?: readonly string[];
  /** User targets file, added to the built-in targets. */
  readonly targetsFile?: string;
  /** Profiles. */
  readonly profiles: readonly Profile[];
  /** Run settings. */
  readonly settings: RunSettings;
  /** This machine. */
  readonly environment: Environment;
  /**
   * Shapes to time (`--shapes`): the catalog file, id patterns and the grid of settings.
   * Without `models`, only the shapes are planned (no model folder, no task).
   */
  readonly shapes?: {
    readonly catalog: string;
    readonly ids: readonly string[];
    readonly grid: ShapeGrid;
  };
}

/** A prepared plan and what was left out. */
export interface Prepared {
  /** The cells. */
  readonly plan: PlannedCell[];
  /** Models planned. */
  readonly models: PlannableModel[];
  /** Tasks planned. */
  readonly tasks: PlannableTask[];
  /** Targets planned (available ones). */
  readonly targets: Target[];
  /** Why some tasks or targets were left out. */
  readonly notes: string[];
}

async function abs(path: string): Promise<string> {
  try {
    return await Deno.realPath(path);
  } catch {
    return path.startsWith("/") ? path : `${Deno.cwd()}/${path}`;
  }
}

/** A reference system as a quality-only pseudo-model (no folder; its key hashes its rules). */
export function referenceModel(id: ReferenceId): PlannableModel {
  const info: ModelInfo = {
    id,
    architecture: "decoder-only",
    modelType: "reference",
    distilled: false,
    role: "reference",
    params: { total: 0 },
    dtype: "none",
    bytes: 0,
    sha256: sha256Text(`reference:${id}@${REFERENCE_VERSION}`),
  };
  const { sha256: _s, bytes: _b, ...bare } = info;
  return { entry: { id, dir: "", info: bare }, info };
}

/** Prepares the plan; throws ConfigError / TaskError / DatasetError on bad input. */
export async function preparePlan(options: PrepareOptions): Promise<Prepared> {
  const notes: string[] = [];
  // Shapes alone (`--shapes` without `--models`) plan no model folder and no task.
  const withModels = options.shapes === undefined || options.models !== undefined;
  // Models.
  // A `--models` item with a `/` is a Hub repository, read from the Hub cache (no download).
  const hubSpecs = withModels ? (options.models ?? []).filter(isHubModelSpec) : [];
  const hubModels = await readHubModels(hubSpecs, {
    ...(options.hubCacheDir ? { cacheDir: options.hubCacheDir } : {}),
    ...(options.dtype ? { dtype: options.dtype } : {}),
  });
  const entries = withModels
    ? [
      ...await discoverModels(options.modelRoots, (m) => notes.push(m), options.dtype),
      ...hubModels,
    ]
    : [];
  if (withModels && entries.length === 0) {
    throw new ConfigError("no models found (each model is a folder with a config.json)", {
      file: options.modelRoots.join(", "),
    });
  }
  const refIds = options.references === false || !withModels
    ? []
    : REFERENCE_SYSTEMS.filter((id) => !entries.some((e) => e.id === id));
  const patterns = options.models?.map((p) =>
    isHubModelSpec(p) ? hubModels[hubSpecs.indexOf(p)]!.id : p
  );
  const modelIds = withModels
    ? selectIds([...entries.map((e) => e.id), ...refIds], patterns, "--models")
    : [];
  // Tasks.
  const datasetsDir = await abs(options.datasetsDir);
  const tasks: PlannableTask[] = [];
  if (withModels) {
    const registry = await loadRegistry(options.tasksDir);
    const taskIds = selectIds(registry.tasks.map((t) => t.id), options.tasks, "--tasks");
    const tasksDir = await abs(options.tasksDir);
    for (const id of taskIds) {
      const a = await taskAvailability(registry.get(id), datasetsDir);
      if (a.available) {
        tasks.push({ task: a.task, info: a.info, dir: tasksDir, samples: a.samples });
      } else if (options.tasks?.includes(id)) {
        throw new DatasetError(`task "${id}" cannot run here: ${a.reason}`, { field: "--tasks" });
      } else notes.push(`task ${id} skipped: ${a.reason}`);
    }
    if (tasks.length === 0 && options.profiles.some((p) => p !== "sweep")) {
      throw new ConfigError("no task can run here", { field: "--tasks" });
    }
  }
  // Shapes: checked before the targets are probed (a shape not built is bad input).
  const shapes = options.shapes
    ? await shapeModels(options.shapes.catalog, options.shapes.ids)
    : [];
  // Targets.
  const all = builtinTargets();
  if (options.targetsFile) {
    const extra = await loadTargetsFile(options.targetsFile);
    for (const t of extra) {
      const i = all.findIndex((b) => b.id === t.id);
      if (i >= 0) all[i] = t;
      else all.push(t);
    }
  }
  const targetIds = selectIds(all.map((t) => t.id), options.targets, "--targets");
  const chosen = targetIds.map((id) => all.find((t) => t.id === id) as Target);
  const targets: Target[] = [];
  for (const p of await probeTargets(chosen)) {
    if (p.available) targets.push(p.target);
    else notes.push(`target ${p.target.id} skipped: ${p.reason ?? "unavailable"}`);
  }
  if (targets.length === 0) {
    throw new ConfigError("no selected target is available on this machine", {
      field: "--targets",
      value: targetIds.join(","),
    });
  }
  // Hash the model files.
  const models: PlannableModel[] = [];
  for (const entry of entries.filter((e) => modelIds.includes(e.id))) {
    const hash = await hashModelDir(entry.dir, entry.files);
    const info: ModelInfo = { ...entry.info, bytes: hash.onnxBytes, sha256: hash.sha256 };
    models.push({ entry, info });
  }
  if (options.profiles.includes("quality")) {
    for (const id of refIds.filter((r) => modelIds.includes(r))) models.push(referenceModel(id));
  }
  models.push(...shapes);
  const settings = options.shapes
    ? { ...options.settings, shapes: options.shapes.grid }
    : options.settings;
  const plan = buildPlan({
    models,
    tasks,
    targets,
    profiles: options.profiles,
    settings,
    environment: options.environment,
    datasetsDir,
    onNote: (m) => notes.push(m),
  });
  return { plan, models, tasks, targets, notes };
}
