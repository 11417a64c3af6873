/**
 * Reference systems: trivial answers scored by the same metrics on the same
 * samples as the models, so a reader sees which model beats them. They are
 * pure functions of a task and a sample (no model, no randomness):
 *
 * - `ref-copy`: the input without its instruction: the longest string field
 *   of the sample that the task's source text contains (the document, the
 *   context, the sentence or code to translate), verbatim. Every task.
 * - `ref-unanswerable`: always no answer (the empty prediction that SQuAD v2
 *   scoring reads as "unanswerable"). Tasks of family `qa`.
 * - `ref-lead`: the first sentence of that input (the "lead" baseline of
 *   news summarisation). Tasks of family `summarization`.
 *
 * @module
 */
import type { Sample } from "../core/sample.ts";
import type { TaskDef } from "../core/task.ts";

/** Ids of the built-in reference systems. */
export const REFERENCE_SYSTEMS = ["ref-copy", "ref-unanswerable", "ref-lead"] as const;

/** A reference system id. */
export type ReferenceId = typeof REFERENCE_SYSTEMS[number];

/** Version of the reference rules above; part of a reference cell's key. */
export const REFERENCE_VERSION = 1;

/** True when `id` names a built-in reference system. */
export function isReferenceId(id: string): id is ReferenceId {
  return (REFERENCE_SYSTEMS as readonly string[]).includes(id);
}

/** True when reference system `id` answers `task`. */
export function referenceApplies(id: ReferenceId, task: TaskDef): boolean {
  if (id === "ref-unanswerable") return task.family === "qa";
  if (id === "ref-lead") return task.family === "summarization";
  return true;
}

/** The input without its instruction: the longest string field the task's source contains. */
export function bareInput(task: TaskDef, sample: Sample): string {
  const source = task.source(sample);
  let best = "";
  for (const v of Object.values(sample.fields)) {
    if (typeof v === "string" && v.length > best.length && source.includes(v)) best = v;
  }
  return best;
}

/** The first sentence of `text`: up to the first `.`, `!` or `?` followed by a space or the end. */
export function firstSentence(text: string): string {
  const t = text.trim();
  const m = /[.!?](?=\s|$)/.exec(t);
  return m === null ? t : t.slice(0, m.index + 1);
}

/** The prediction of reference system `id` for `sample`. */
export function referencePrediction(id: ReferenceId, task: TaskDef, sample: Sample): string {
  switch (id) {
    case "ref-copy":
      return bareInput(task, sample);
    case "ref-unanswerable":
      return "";
    case "ref-lead":
      return firstSentence(bareInput(task, sample));
  }
}
