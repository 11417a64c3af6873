/**
 * `defineTask`: the one way to make a task. Checks every field when the task
 * module loads and throws a TaskError naming the field and the bad value (the
 * registry adds the task file).
 *
 * @module
 */
import { TaskError } from "../core/errors.ts";
import { SPLITS } from "../core/sample.ts";
import type { DatasetFormat, GenerationSpec, PostprocessStep, TaskDef } from "../core/task.ts";
import { findMetric, METRIC_NAMES, type MetricSpec } from "../metrics/registry.ts";
import { POSTPROCESS_STEPS } from "./postprocess.ts";

const FORMATS: readonly DatasetFormat[] = ["jsonl", "csv", "squad_json", "xsum", "codexglue"];
const ID = /^[a-z0-9_]+$/;

/** What a task module passes to `defineTask`: a TaskDef with a few defaults. */
export type TaskInput = Omit<TaskDef, "postprocess" | "generation" | "metrics"> & {
  /** Metrics to report: registered names, each with that metric's typed options. */
  readonly metrics: readonly MetricSpec[];
  /** Post-processing steps; default `["trim"]`. */
  readonly postprocess?: readonly PostprocessStep[];
  /** Generation settings; `stop` defaults to `[]`. */
  readonly generation: Omit<GenerationSpec, "stop"> & { readonly stop?: readonly string[] };
};

function fail(field: string, value: unknown, message: string): never {
  throw new TaskError(message, { field, value });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function str(o: Record<string, unknown>, key: string, path: string, nonEmpty = true): string {
  const v = o[key];
  if (typeof v !== "string" || (nonEmpty && v.trim() === "")) {
    fail(path, v, nonEmpty ? "must be a non-empty string" : "must be a string");
  }
  return v;
}

function oneOf<T extends string>(v: unknown, allowed: readonly T[], path: string): T {
  if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) {
    fail(path, v, `must be one of ${allowed.join(", ")}`);
  }
  return v as T;
}

function validateHub(hub: unknown): void {
  if (!isObject(hub)) fail("dataset.source.hub", hub, "must be an object");
  const repo = str(hub, "repo", "dataset.source.hub.repo");
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repo)) {
    fail("dataset.source.hub.repo", repo, "must be a Hub repository id org/name");
  }
  const revision = str(hub, "revision", "dataset.source.hub.revision");
  if (/\s/.test(revision)) fail("dataset.source.hub.revision", revision, "must be a revision");
  const config = str(hub, "config", "dataset.source.hub.config");
  if (!/^[A-Za-z0-9_.-]+$/.test(config)) {
    fail("dataset.source.hub.config", config, "must be a config name [A-Za-z0-9_.-]+");
  }
  str(hub, "licence", "dataset.source.hub.licence");
}

function validateDataset(d: unknown): void {
  if (!isObject(d)) fail("dataset", d, "must be an object");
  const source = d.source;
  if (!isObject(source)) fail("dataset.source", source, "must be an object");
  const kind = oneOf(source.kind, ["shipped", "file"], "dataset.source.kind");
  if (kind === "shipped") {
    const name = str(source, "name", "dataset.source.name");
    if (!/^[a-z0-9_-]+$/.test(name)) {
      fail("dataset.source.name", name, "must be a folder name [a-z0-9_-]+");
    }
  } else {
    oneOf(source.format, FORMATS, "dataset.source.format");
    const env = str(source, "env", "dataset.source.env");
    if (!/^[A-Z][A-Z0-9_]*$/.test(env)) {
      fail("dataset.source.env", env, "must be an environment variable name [A-Z][A-Z0-9_]*");
    }
    str(source, "help", "dataset.source.help");
    if (source.hub !== undefined) validateHub(source.hub);
  }
  oneOf(d.evalSplit, SPLITS, "dataset.evalSplit");
  if (!isObject(d.fields)) fail("dataset.fields", d.fields, "must be an object");
  for (const [name, path] of Object.entries(d.fields)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      fail(`dataset.fields`, name, "task field names must be identifiers");
    }
    if (typeof path !== "string" || !/^[^.\s]+(\.[^.\s]+)*$/.test(path)) {
      fail(`dataset.fields.${name}`, path, "must be a dotted path like `answers.text`");
    }
  }
}

function validateGeneration(g: unknown): void {
  if (!isObject(g)) fail("generation", g, "must be an object");
  const m = g.maxNewTokens;
  if (typeof m !== "number" || !Number.isInteger(m) || m <= 0) {
    fail("generation.maxNewTokens", m, "must be a positive integer");
  }
  const stop = g.stop ?? [];
  if (!Array.isArray(stop)) fail("generation.stop", stop, "must be an array of strings");
  stop.forEach((s, i) => {
    if (typeof s !== "string" || s === "") {
      fail(`generation.stop[${i}]`, s, "must be a non-empty string");
    }
  });
}

function validateFewShot(f: unknown, evalSplit: unknown): void {
  if (!isObject(f)) fail("fewShot", f, "must be an object");
  if (typeof f.k !== "number" || !Number.isInteger(f.k) || f.k <= 0) {
    fail("fewShot.k", f.k, "must be a positive integer");
  }
  const split = oneOf(f.split, SPLITS, "fewShot.split");
  if (split === evalSplit) {
    fail("fewShot.split", split, "must differ from dataset.evalSplit (demonstrations would leak)");
  }
  if (typeof f.seed !== "number" || !Number.isInteger(f.seed)) {
    fail("fewShot.seed", f.seed, "must be an integer");
  }
  if (typeof f.separator !== "string") fail("fewShot.separator", f.separator, "must be a string");
}

function validateMetrics(metrics: unknown, primary: unknown): void {
  if (!Array.isArray(metrics) || metrics.length === 0) {
    fail("metrics", metrics, "must be a non-empty array");
  }
  const names = new Set<string>();
  metrics.forEach((m, i) => {
    if (!isObject(m)) fail(`metrics[${i}]`, m, "must be an object");
    const name = oneOf(m.name, METRIC_NAMES, `metrics[${i}].name`);
    if (names.has(name)) fail(`metrics[${i}].name`, name, "is declared twice");
    names.add(name);
    if (m.options !== undefined) {
      if (!isObject(m.options)) fail(`metrics[${i}].options`, m.options, "must be an object");
      for (const [k, v] of Object.entries(m.options)) {
        if (!["string", "number", "boolean"].includes(typeof v)) {
          fail(`metrics[${i}].options.${k}`, v, "must be a string, number or boolean");
        }
      }
    }
  });
  if (typeof primary !== "string") fail("primary", primary, "must be a string `metric.key`");
  const dot = primary.lastIndexOf(".");
  const metric = primary.slice(0, dot);
  const key = primary.slice(dot + 1);
  if (dot <= 0 || !names.has(metric)) {
    fail("primary", primary, `must name a declared metric: ${[...names].join(", ")}`);
  }
  const keys = findMetric(metric)?.keys ?? [];
  if (!keys.includes(key)) {
    fail("primary", primary, `key must be one of ${keys.map((k) => `${metric}.${k}`).join(", ")}`);
  }
}

/**
 * Checks a task definition and returns it frozen, with defaults filled in
 * (`postprocess: ["trim"]`, `generation.stop: []`). Throws TaskError naming
 * the field and value at fault. Used by `defineTask` and by the registry on
 * every module's default export.
 */
export function validateTask(input: unknown): TaskDef {
  if (!isObject(input)) fail("(task)", input, "a task must be an object made by defineTask");
  const id = input.id;
  if (typeof id !== "string" || !ID.test(id)) fail("id", id, "must match [a-z0-9_]+");
  const v = input.version;
  if (typeof v !== "number" || !Number.isInteger(v) || v <= 0) {
    fail("version", v, "must be a positive integer");
  }
  str(input, "description", "description");
  const family = str(input, "family", "family");
  if (!ID.test(family)) fail("family", family, "must match [a-z0-9_]+");
  oneOf(input.kind, ["asymmetric", "symmetric"], "kind");
  oneOf(input.direction, ["long_to_short", "short_to_long", "balanced"], "direction");
  validateDataset(input.dataset);
  for (const r of ["source", "prompt", "target", "references"]) {
    if (typeof input[r] !== "function") fail(r, input[r], "must be a function (sample) => ...");
  }
  validateGeneration(input.generation);
  const steps = input.postprocess ?? ["trim"];
  if (!Array.isArray(steps)) fail("postprocess", steps, "must be an array of steps");
  steps.forEach((s, i) => oneOf(s, POSTPROCESS_STEPS, `postprocess[${i}]`));
  if (input.fewShot !== undefined) {
    validateFewShot(input.fewShot, (input.dataset as Record<string, unknown>).evalSplit);
  }
  validateMetrics(input.metrics, input.primary);
  const generation = input.generation as Record<string, unknown>;
  const def = {
    ...input,
    postprocess: Object.freeze([...steps]),
    generation: Object.freeze({
      ...generation,
      stop: Object.freeze([...(generation.stop as string[] ?? [])]),
    }),
  };
  return Object.freeze(def) as unknown as TaskDef;
}

/**
 * Defines a task. Call it as the default export of a module in `tasks/`.
 *
 * @example
 * ```ts
 * import { defineTask } from "./define_task.ts";
 * const task = defineTask({
 *   id: "echo", version: 1, description: "Copy the input.", family: "copy",
 *   kind: "symmetric", direction: "balanced",
 *   dataset: { source: { kind: "shipped", name: "echo" }, evalSplit: "test", fields: { text: "text" } },
 *   source: (s) => `copy: ${s.fields.text}`, prompt: (s) => `copy: ${s.fields.text}\ncopy:\n`,
 *   target: (s) => String(s.fields.text), references: (s) => [String(s.fields.text)],
 *   generation: { maxNewTokens: 16, stop: ["\n"] },
 *   metrics: [{ name: "exact_match" }], primary: "exact_match.score",
 * });
 * ```
 */
export function defineTask(input: TaskInput): TaskDef {
  return validateTask(input);
}
