/**
 * Whether a task can run on this machine, and its record info if so,
 * including the sha256 of the split it reads: what eval plans from, `deno
 * task list` shows and the site's device page offers. A task whose data is
 * not here is reported as unavailable (with why) instead of failing.
 *
 * @module
 */
import type { TaskInfo } from "../core/record.ts";
import type { TaskDef } from "../core/task.ts";
import { readManifest, resolveSplit } from "../datasets/mod.ts";
import { ConfigError, DatasetError } from "../core/errors.ts";
import { sha256File, sha256Text } from "../results/hash.ts";

/** A dataset error that must stop the run (not just mark the task unavailable). */
class ConfigErrorFrom extends ConfigError {
  constructor(cause: DatasetError) {
    super(cause.message, { cause });
  }
}

/** A task with its record info, or the reason it cannot run here. */
export type TaskAvailability =
  | {
    readonly task: TaskDef;
    readonly available: true;
    readonly info: TaskInfo;
    /** Samples in the eval split, when its manifest says (shipped datasets). */
    readonly samples: number | null;
  }
  | { readonly task: TaskDef; readonly available: false; readonly reason: string };

/** Resolves a task's eval split and hashes it. */
export async function taskAvailability(
  task: TaskDef,
  datasetsDir: string,
): Promise<TaskAvailability> {
  const split = task.dataset.evalSplit;
  let datasetSha256: string;
  let samples: number | null = null;
  try {
    const loc = await resolveSplit(task, split, { datasetsDir });
    if (loc.kind === "pulled") {
      const entry = (await readManifest(loc.dir)).splits[split]!;
      datasetSha256 = entry.sha256;
      samples = entry.count;
    } else if (loc.kind === "shipped") {
      try {
        await Deno.stat(`${loc.dir}/manifest.json`);
      } catch {
        return {
          task,
          available: false,
          reason: `shipped dataset ${loc.dir} is missing (run \`deno task datasets\`)`,
        };
      }
      // A manifest that exists but is malformed is an error, not "unavailable".
      const manifest = await readManifest(loc.dir).catch((cause) => {
        throw cause instanceof DatasetError ? new ConfigErrorFrom(cause) : cause;
      });
      const entry = manifest.splits[split];
      if (!entry) {
        throw new DatasetError(`manifest has no "${split}" split`, {
          file: `${loc.dir}/manifest.json`,
          field: `splits.${split}`,
        });
      }
      datasetSha256 = entry.sha256;
      samples = entry.count;
    } else if (loc.kind === "file") {
      datasetSha256 = await sha256File(loc.path);
    } else {
      const parts = [];
      for (const lang of loc.langs) parts.push(await sha256File(`${loc.prefix}.${lang}`));
      datasetSha256 = sha256Text(parts.join("\n"));
    }
  } catch (err) {
    if (err instanceof DatasetError) return { task, available: false, reason: err.message };
    throw err;
  }
  return {
    task,
    available: true,
    info: {
      id: task.id,
      version: task.version,
      family: task.family,
      kind: task.kind,
      direction: task.direction,
      split,
      datasetSha256,
    },
    samples,
  };
}
