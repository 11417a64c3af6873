/**
 * Few-shot prompts for decoder-only models: seeded demonstrations from the
 * task's few-shot split, never the evaluated sample itself.
 *
 * @module
 */
import { TaskError } from "../core/errors.ts";
import type { Sample } from "../core/sample.ts";
import type { FewShotSpec, TaskDef } from "../core/task.ts";
import { fnv1a32, mulberry32 } from "../core/prng.ts";

/**
 * Picks `spec.k` demonstrations from `pool` for `sample`. The choice depends
 * only on the seed, the sample id and the pool, so it is reproducible; a pool
 * item with the sample's id or the same rendered prompt is never chosen.
 * Throws TaskError when the pool has fewer than `k` eligible items.
 */
export function selectDemonstrations(
  task: TaskDef,
  sample: Sample,
  pool: readonly Sample[],
  spec: FewShotSpec,
): Sample[] {
  const own = task.prompt(sample);
  const eligible = pool.filter((p) => p.id !== sample.id && task.prompt(p) !== own);
  if (eligible.length < spec.k) {
    throw new TaskError(
      `needs ${spec.k} demonstrations but split "${spec.split}" has ${eligible.length} eligible`,
      { field: "fewShot.k", value: spec.k },
    );
  }
  const rand = mulberry32(fnv1a32(`${spec.seed}:${sample.id}`));
  // Partial Fisher-Yates over indices: the first k positions are the sample.
  const idx = eligible.map((_, i) => i);
  for (let i = 0; i < spec.k; i++) {
    const j = i + Math.floor(rand() * (idx.length - i));
    [idx[i], idx[j]] = [idx[j] as number, idx[i] as number];
  }
  return idx.slice(0, spec.k).map((i) => eligible[i] as Sample);
}

/**
 * The decoder-only prompt for a sample: the task's `prompt`, preceded by
 * few-shot demonstrations (`prompt(demo) + target(demo)`, joined by the
 * separator) when the task declares `fewShot`. Tasks with `fewShot` need the
 * demonstration pool (the loaded few-shot split); TaskError otherwise.
 */
export function buildPrompt(
  task: TaskDef,
  sample: Sample,
  pool?: readonly Sample[],
): string {
  const spec = task.fewShot;
  if (spec === undefined) return task.prompt(sample);
  if (pool === undefined) {
    throw new TaskError(`task "${task.id}" is few-shot: load split "${spec.split}" as the pool`, {
      field: "fewShot.split",
      value: spec.split,
    });
  }
  const demos = selectDemonstrations(task, sample, pool, spec);
  const parts = demos.map((d) => task.prompt(d) + task.target(d));
  parts.push(task.prompt(sample));
  return parts.join(spec.separator);
}
