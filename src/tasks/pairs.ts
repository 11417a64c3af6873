/**
 * Training pairs for the model recipe: every sample of every selected task
 * and split, rendered by its task definition (the single source of truth for
 * prompts), written as `<out>/<split>.jsonl`, one `RenderedSample`
 * (`render.ts`) a line.
 *
 * @module
 */
import { DatasetError } from "../core/errors.ts";
import type { Sample, SplitName } from "../core/sample.ts";
import type { TaskDef } from "../core/task.ts";
import { loadSplit } from "../datasets/load_split.ts";
import { type LoadOptions, noDataReason, resolveSplit } from "../datasets/resolve.ts";
import { type RenderedSample, renderSample } from "./render.ts";

/** What `writePairs` did. */
export interface PairsSummary {
  /** Lines written, by split then task. */
  readonly counts: Record<string, Record<string, number>>;
  /** `task/split` combinations skipped because their local data is absent, with why. */
  readonly skipped: string[];
  /** Files written. */
  readonly files: string[];
}

/** Options of `writePairs`. */
export interface WritePairsOptions extends LoadOptions {
  /** Output folder (created if needed). */
  readonly out: string;
  /** Tasks to render. */
  readonly tasks: readonly TaskDef[];
  /** Splits to render. */
  readonly splits: readonly SplitName[];
  /**
   * When true, a file-backed task whose data is not configured, or lacks a
   * split, is skipped (listed in `skipped`) instead of failing.
   */
  readonly skipUnavailable?: boolean;
}

async function available(
  task: TaskDef,
  split: SplitName,
  options: LoadOptions,
): Promise<string | undefined> {
  if (task.dataset.source.kind === "shipped") return undefined;
  const none = await noDataReason(task, options);
  if (none !== undefined) return `${task.id}: ${none} (all splits)`;
  try {
    await resolveSplit(task, split, options);
    return undefined;
  } catch (error) {
    if (error instanceof DatasetError) return `${task.id}/${split}: ${error.message}`;
    throw error;
  }
}

/** Renders the samples of one task and split: each is one line of `<split>.jsonl`. */
export async function renderPairs(
  task: TaskDef,
  split: SplitName,
  options: LoadOptions = {},
): Promise<RenderedSample[]> {
  const samples = await loadSplit(task, split, options);
  let pool: Sample[] | undefined;
  if (task.fewShot !== undefined) pool = await loadSplit(task, task.fewShot.split, options);
  return samples.map((s) => renderSample(task, s, pool));
}

/**
 * Writes `<out>/<split>.jsonl` for each split (tasks in the given order,
 * samples in dataset order) and `<out>/pairs.json` with the counts. Each file
 * is written to a temporary name, then renamed, so a failure leaves nothing
 * half-written.
 */
export async function writePairs(options: WritePairsOptions): Promise<PairsSummary> {
  const counts: Record<string, Record<string, number>> = {};
  const skipped: string[] = [];
  const chunks = new Map<SplitName, string[]>();
  for (const split of options.splits) {
    const parts: string[] = [];
    counts[split] = {};
    for (const task of options.tasks) {
      if (options.skipUnavailable) {
        const why = await available(task, split, options);
        if (why !== undefined) {
          if (!skipped.includes(why)) skipped.push(why);
          continue;
        }
      }
      const lines = await renderPairs(task, split, options);
      for (const line of lines) parts.push(JSON.stringify(line));
      (counts[split] as Record<string, number>)[task.id] = lines.length;
    }
    chunks.set(split, parts);
  }
  const out = options.out.replace(/\/$/, "");
  await Deno.mkdir(out, { recursive: true });
  const files: string[] = [];
  const pending: [string, string][] = [];
  for (const [split, parts] of chunks) {
    pending.push([`${out}/${split}.jsonl`, parts.length ? parts.join("\n") + "\n" : ""]);
  }
  const meta = {
    tasks: Object.fromEntries(
      options.tasks
        .filter((t) => Object.values(counts).some((byTask) => t.id in byTask))
        .map((t) => [t.id, { version: t.version, family: t.family, kind: t.kind }]),
    ),
    counts,
    skipped,
    format: "one JSON object per line: task, id, source, prompt, target, references; " +
      "encoder-decoder trains source -> target, decoder-only trains on prompt + target",
  };
  pending.push([`${out}/pairs.json`, JSON.stringify(meta, null, 2) + "\n"]);
  const temps: [string, string][] = [];
  try {
    for (const [file, text] of pending) {
      const tmp = `${file}.tmp-${crypto.randomUUID().slice(0, 8)}`;
      await Deno.writeTextFile(tmp, text);
      temps.push([tmp, file]);
    }
    for (const [tmp, file] of temps) {
      await Deno.rename(tmp, file);
      files.push(file);
    }
  } catch (error) {
    for (const [tmp] of temps) await Deno.remove(tmp).catch(() => {});
    throw error;
  }
  return { counts, skipped, files };
}
