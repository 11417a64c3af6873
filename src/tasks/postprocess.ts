/**
 * Post-processing of raw generations: cutting at stop strings, then the
 * task's steps in order. Pure string functions.
 *
 * @module
 */
import type { PostprocessStep } from "../core/task.ts";

/** Every post-processing step, in documentation order. */
export const POSTPROCESS_STEPS: readonly PostprocessStep[] = [
  "trim",
  "first_line",
  "first_sentence",
  "strip_answer_prefix",
  "collapse_whitespace",
  "unanswerable_to_empty",
];

const ANSWER_PREFIX = /^\s*(?:#{1,3}\s*)?(?:the\s+answer\s+is|answer|a)\s*[:\-]\s*/i;
const SENTENCE_END = /[.!?](?=\s|$)/;

/**
 * Cuts `text` before the earliest occurrence of any stop string.
 * Empty stop strings are ignored.
 *
 * @example
 * ```ts
 * import { cutAtStop } from "./postprocess.ts";
 * cutAtStop("Paris\nquestion: ...", ["\n"]); // "Paris"
 * ```
 */
export function cutAtStop(text: string, stop: readonly string[]): string {
  let end = text.length;
  for (const s of stop) {
    if (s === "") continue;
    const at = text.indexOf(s);
    if (at !== -1 && at < end) end = at;
  }
  return text.slice(0, end);
}

/**
 * Applies one post-processing step:
 * - `trim`: strips leading and trailing whitespace;
 * - `first_line`: keeps the first non-empty line;
 * - `first_sentence`: keeps text up to and including the first `.`, `!` or `?`
 *   followed by whitespace or the end;
 * - `strip_answer_prefix`: removes a leading `Answer:`, `A:`, `###Answer`,
 *   `The answer is` (case-insensitive, `:` or `-`);
 * - `collapse_whitespace`: replaces runs of whitespace by one space and trims;
 * - `unanswerable_to_empty`: maps the literal `unanswerable` (any case,
 *   surrounding whitespace or a final period allowed) to `""`, so the SQuAD v2
 *   rules for no-answer questions apply.
 */
export function applyStep(text: string, step: PostprocessStep): string {
  switch (step) {
    case "trim":
      return text.trim();
    case "first_line": {
      const line = text.split(/\r?\n/).find((l) => l.trim() !== "");
      return line ?? "";
    }
    case "first_sentence": {
      const m = SENTENCE_END.exec(text);
      return m === null ? text : text.slice(0, m.index + 1);
    }
    case "strip_answer_prefix":
      return text.replace(ANSWER_PREFIX, "");
    case "collapse_whitespace":
      return text.replace(/\s+/g, " ").trim();
    case "unanswerable_to_empty":
      return /^\s*unanswerable\.?\s*$/i.test(text) ? "" : text;
  }
}

/**
 * Turns a raw generation into the prediction that is scored: cut at the
 * earliest stop string, then apply each step in order.
 *
 * @example
 * ```ts
 * import { postprocess } from "./postprocess.ts";
 * postprocess(" unanswerable\n", { stop: ["\n"], steps: ["trim", "unanswerable_to_empty"] }); // ""
 * ```
 */
export function postprocess(
  raw: string,
  options: { readonly stop: readonly string[]; readonly steps: readonly PostprocessStep[] },
): string {
  let text = cutAtStop(raw, options.stop);
  for (const step of options.steps) text = applyStep(text, step);
  return text;
}
