/**
 * A task's overview for `deno task tasks`: sizes per split, availability of
 * local data, and length statistics of the eval split.
 *
 * @module
 */
import { DatasetError } from "../core/errors.ts";
import { type SplitName, SPLITS } from "../core/sample.ts";
import type { TaskDef } from "../core/task.ts";
import { loadSplit } from "../datasets/load_split.ts";
import { readManifest } from "../datasets/manifest.ts";
import { configuredPath, type LoadOptions, resolveSplit } from "../datasets/resolve.ts";
import { type LengthStats, lengthStats } from "./stats.ts";

/** What `deno task tasks` shows for one task. */
export interface TaskOverview {
  /** Task id. */
  readonly id: string;
  /** Task version. */
  readonly version: number;
  /** Task family. */
  readonly family: string;
  /** Asymmetric or symmetric. */
  readonly kind: string;
  /** Length direction. */
  readonly direction: string;
  /** Headline metric. */
  readonly primary: string;
  /** `shipped:<name>` or `file:<ENV>`. */
  readonly data: string;
  /** Split scored by eval. */
  readonly evalSplit: SplitName;
  /** True when the eval split could be read. */
  readonly available: boolean;
  /** Why the task is unavailable, with where to put the data. */
  readonly reason?: string;
  /**
   * Samples per split: a number when counted, `"present"` when a local file
   * exists but was not read, `null` when absent.
   */
  readonly splits: Readonly<Record<SplitName, number | "present" | null>>;
  /** Length statistics of the eval split (input = encoder source, output = target). */
  readonly stats: LengthStats | null;
}

/** Builds a task's overview; only DatasetErrors turn into "unavailable". */
export async function taskOverview(
  task: TaskDef,
  options: LoadOptions & { readonly countTokens: (text: string) => number },
): Promise<TaskOverview> {
  const src = task.dataset.source;
  const base = {
    id: task.id,
    version: task.version,
    family: task.family,
    kind: task.kind,
    direction: task.direction,
    primary: task.primary,
    data: src.kind === "shipped"
      ? `shipped:${src.name}`
      : `file:${src.env}${src.hub ? ` or hub:${src.hub.repo}` : ""}`,
    evalSplit: task.dataset.evalSplit,
  };
  const splits: Record<SplitName, number | "present" | null> = {
    train: null,
    validation: null,
    test: null,
  };
  try {
    if (src.kind === "shipped") {
      const loc = await resolveSplit(task, task.dataset.evalSplit, options);
      const manifest = await readManifest(loc.kind === "shipped" ? loc.dir : "");
      for (const s of SPLITS) splits[s] = manifest.splits[s]?.count ?? null;
    } else {
      if (configuredPath(task, options) === undefined && src.hub === undefined) {
        return {
          ...base,
          available: false,
          reason: `set ${src.env}: ${src.help}`,
          splits,
          stats: null,
        };
      }
      for (const s of SPLITS) {
        if (s === task.dataset.evalSplit) continue;
        splits[s] = await resolveSplit(task, s, options).then(() => "present" as const, () => null);
      }
    }
    const samples = await loadSplit(task, task.dataset.evalSplit, options);
    splits[task.dataset.evalSplit] = samples.length;
    const pairs = samples.map((s) => ({ input: task.source(s), output: task.target(s) }));
    return { ...base, available: true, splits, stats: lengthStats(pairs, options.countTokens) };
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    return { ...base, available: false, reason: error.message, splits, stats: null };
  }
}
