/**
 * Where a task's split lives on disk: a shipped dataset folder, or a local
 * file or folder named by a flag or an environment variable.
 *
 * @module
 */
import { DatasetError } from "../core/errors.ts";
import type { SplitName } from "../core/sample.ts";
import type { DatasetFormat, HubDatasetRef, TaskDef } from "../core/task.ts";
import { readManifest } from "./manifest.ts";
import { pullDatasetCommand, pulledDatasetDir, pulledMismatch } from "./pulled.ts";

/** Options shared by the dataset functions. */
export interface LoadOptions {
  /** Folder holding the shipped datasets; default `datasets`. */
  readonly datasetsDir?: string;
  /** Path of a local file or folder; overrides the task's environment variable. */
  readonly path?: string;
  /** Reads an environment variable; default `Deno.env.get`. */
  readonly env?: (name: string) => string | undefined;
  /** Keep only the first `limit` samples. */
  readonly limit?: number;
}

/** A resolved split location. */
export type SplitLocation =
  | { readonly kind: "shipped"; readonly dir: string }
  | {
    /** A dataset pulled from the Hub (`datasets/hub/...`), read like a shipped one. */
    readonly kind: "pulled";
    readonly dir: string;
    /** The task's local-file format: how its Hub rows are normalized. */
    readonly format: DatasetFormat;
  }
  | { readonly kind: "file"; readonly format: DatasetFormat; readonly path: string }
  | { readonly kind: "parallel"; readonly prefix: string; readonly langs: readonly string[] };

const ALIASES: Record<SplitName, readonly string[]> = {
  train: ["train"],
  validation: ["validation", "valid", "dev"],
  test: ["test"],
};

/** File names looked for, in order, inside a folder, per format and split. */
export function candidateFiles(format: DatasetFormat, split: SplitName): string[] {
  const names = ALIASES[split];
  const withExt = (exts: readonly string[]): string[] =>
    names.flatMap((n) => exts.map((e) => `${n}${e}`));
  switch (format) {
    case "jsonl":
      return withExt([".jsonl", ".jsonl.gz"]);
    case "csv":
      return withExt([".csv", ".csv.gz"]);
    case "squad_json":
      return [...names.map((n) => `${n}-v2.0.json`), ...withExt([".json", ".json.gz"])];
    case "xsum":
      return withExt([".jsonl", ".jsonl.gz", ".csv", ".csv.gz"]);
    case "codexglue":
      return [...names.map((n) => `${n}.java-cs.txt.java`), ...withExt([".jsonl", ".jsonl.gz"])];
  }
}

async function statKind(path: string): Promise<"file" | "dir" | undefined> {
  try {
    const info = await Deno.stat(path);
    return info.isDirectory ? "dir" : "file";
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw new DatasetError(`cannot read path: ${(error as Error).message}`, {
      file: path,
      cause: error,
    });
  }
}

/** The local path a file-backed task reads: the `path` option, else its env var. */
export function configuredPath(task: TaskDef, options: LoadOptions = {}): string | undefined {
  const src = task.dataset.source;
  if (src.kind !== "file") return undefined;
  if (options.path !== undefined && options.path !== "") return options.path;
  const env = options.env ?? ((name: string) => Deno.env.get(name));
  const value = env(src.env);
  return value === undefined || value === "" ? undefined : value;
}

/**
 * Why a file-backed task has no data at all here (no local path set, and its Hub dataset, if
 * it names one, not pulled), in a few words; undefined when it has some.
 */
export async function noDataReason(
  task: TaskDef,
  options: LoadOptions = {},
): Promise<string | undefined> {
  const src = task.dataset.source;
  if (src.kind !== "file" || configuredPath(task, options) !== undefined) return undefined;
  if (src.hub === undefined) return `${src.env} not set`;
  const root = (options.datasetsDir ?? "datasets").replace(/\/$/, "");
  const dir = pulledDatasetDir(root, src.hub.repo, src.hub.config);
  const pulled = await Deno.stat(`${dir}/manifest.json`).then(() => true, () => false);
  return pulled ? undefined : `${src.env} not set, ${src.hub.repo} not pulled`;
}

/** The splits a task reads: its eval split and its few-shot split. */
function taskSplits(task: TaskDef): SplitName[] {
  const few = task.fewShot?.split;
  return few === undefined || few === task.dataset.evalSplit
    ? [task.dataset.evalSplit]
    : [task.dataset.evalSplit, few];
}

/** The pulled copy of a task's Hub dataset, or a DatasetError naming the pull to run. */
async function pulledSplit(
  task: TaskDef,
  hub: HubDatasetRef,
  env: string,
  format: DatasetFormat,
  split: SplitName,
  root: string,
): Promise<SplitLocation> {
  const dir = pulledDatasetDir(root, hub.repo, hub.config);
  const run = `run: ${pullDatasetCommand(hub, taskSplits(task))} (or set ${env} to a local copy)`;
  try {
    await Deno.stat(`${dir}/manifest.json`);
  } catch (cause) {
    if (!(cause instanceof Deno.errors.NotFound)) throw cause;
    throw new DatasetError(
      `task "${task.id}" reads the Hub dataset ${hub.repo} (config ${hub.config}), which is ` +
        `not pulled; ${run}`,
      { file: `${dir}/manifest.json` },
    );
  }
  const why = pulledMismatch(await readManifest(dir), hub, split);
  if (why !== undefined) {
    throw new DatasetError(`task "${task.id}" cannot read the pulled ${hub.repo}: ${why}; ${run}`, {
      file: `${dir}/manifest.json`,
    });
  }
  return { kind: "pulled", dir, format };
}

/**
 * Finds the file(s) of one split. A local path (the `path` option or the task's environment
 * variable) comes first; else a task with a Hub dataset reads its pulled copy. Missing data is
 * a DatasetError that says which variable to set and how to get the data (the task's `help`),
 * or which `deno task pull dataset` to run.
 */
export async function resolveSplit(
  task: TaskDef,
  split: SplitName,
  options: LoadOptions = {},
): Promise<SplitLocation> {
  const src = task.dataset.source;
  if (src.kind === "shipped") {
    const root = (options.datasetsDir ?? "datasets").replace(/\/$/, "");
    return { kind: "shipped", dir: `${root}/${src.name}` };
  }
  const path = configuredPath(task, options);
  if (path === undefined && src.hub !== undefined) {
    const root = (options.datasetsDir ?? "datasets").replace(/\/$/, "");
    return await pulledSplit(task, src.hub, src.env, src.format, split, root);
  }
  if (path === undefined) {
    throw new DatasetError(`task "${task.id}" needs local data: set ${src.env}. ${src.help}`, {
      field: src.env,
    });
  }
  const kind = await statKind(path);
  if (kind === undefined) {
    throw new DatasetError(`${src.env} points to a missing path. ${src.help}`, { file: path });
  }
  if (kind === "file") {
    if (split !== task.dataset.evalSplit) {
      throw new DatasetError(
        `${src.env} is a single file, read as the "${task.dataset.evalSplit}" split; ` +
          `for split "${split}" point it at a folder holding ${
            candidateFiles(src.format, split).join(" or ")
          }`,
        { file: path },
      );
    }
    return { kind: "file", format: src.format, path };
  }
  for (const name of candidateFiles(src.format, split)) {
    const full = `${path.replace(/\/$/, "")}/${name}`;
    if ((await statKind(full)) !== "file") continue;
    if (src.format === "codexglue" && name.endsWith(".txt.java")) {
      return { kind: "parallel", prefix: full.slice(0, -".java".length), langs: ["java", "cs"] };
    }
    return { kind: "file", format: src.format, path: full };
  }
  throw new DatasetError(
    `no file for split "${split}" in ${src.env} folder; expected one of ${
      candidateFiles(src.format, split).join(", ")
    }. ${src.help}`,
    { file: path },
  );
}
