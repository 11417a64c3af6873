/**
 * Rendering a sample into the texts every consumer needs: the training pairs
 * writer, the evaluator and the instance viewer all call this one function,
 * and its {@linkcode RenderedSample} is the one type of a rendered pair (a
 * line of `deno task pairs`, the model recipe's input).
 *
 * @module
 */
import type { Sample } from "../core/sample.ts";
import type { TaskDef } from "../core/task.ts";
import { buildPrompt } from "./few_shot.ts";

/** A sample rendered by its task. */
export interface RenderedSample {
  /** Task id. */
  readonly task: string;
  /** Sample id. */
  readonly id: string;
  /** Encoder-decoder input. */
  readonly source: string;
  /**
   * Decoder-only prompt (with few-shot demonstrations when the task has them);
   * the decoder-only training text is `prompt + target`.
   */
  readonly prompt: string;
  /** Training target. */
  readonly target: string;
  /** All references for scoring. */
  readonly references: string[];
}

/**
 * Renders one sample. `pool` is the few-shot split, needed only by tasks that
 * declare `fewShot`.
 */
export function renderSample(
  task: TaskDef,
  sample: Sample,
  pool?: readonly Sample[],
): RenderedSample {
  return {
    task: task.id,
    id: sample.id,
    source: task.source(sample),
    prompt: buildPrompt(task, sample, pool),
    target: task.target(sample),
    references: task.references(sample),
  };
}
