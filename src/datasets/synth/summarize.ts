/**
 * The `summarize` dataset (like XSum): a news-like report with the key event,
 * details, quotes, background and distractor sentences, and a one-sentence
 * summary of the key facts worded differently from every document sentence.
 *
 * @module
 */
import type { JsonObject } from "../../core/json.ts";
import type { Rng } from "./prng.ts";
import { capitalise } from "./lexicon.ts";
import { BACKGROUND, EVENTS } from "./summarize_events.ts";
import { fill } from "./template.ts";
import type { SynthGenerator } from "./types.ts";

const MIN_CHARS = 900;
const MAX_CHARS = 1400;

/** Words in a text (whitespace separated). */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => w.length > 0).length;
}

function example(rng: Rng): JsonObject | undefined {
  const event = rng.pick(EVENTS);
  const values = event.draw(rng);
  const say = (t: string): string => capitalise(fill(t, values).text);
  const lead = say(rng.pick(event.leads));
  const keys = event.keys.map(say);
  const optional = rng.shuffle([...event.extras, ...rng.sample(BACKGROUND, 5)].map(say))
    .filter((s, i, all) => all.indexOf(s) === i);
  const body = [...keys];
  const target = rng.int(MIN_CHARS + 20, MAX_CHARS - 80);
  let length = lead.length + keys.reduce((n, s) => n + s.length + 1, 0);
  for (const s of optional) {
    if (length >= target) break;
    if (length + s.length + 1 > MAX_CHARS) continue;
    body.splice(rng.int(Math.min(1, body.length), body.length), 0, s);
    length += s.length + 1;
  }
  if (length < MIN_CHARS) return undefined;
  const document = [lead, ...body].join(" ");
  const summary = say(rng.pick(event.summaries));
  const words = wordCount(summary);
  if (words < 15 || words > 30 || document.includes(summary.slice(0, -1))) return undefined;
  return { document, summary };
}

/** The `summarize` generator. */
export const summarize: SynthGenerator = {
  name: "summarize",
  version: 1,
  description:
    "Synthetic news summarisation like XSum: a report of about 900-1400 characters and a " +
    "one-sentence abstractive summary of its key facts.",
  fields: {
    id: "Example id, <dataset>-<split>-<6-digit index>.",
    document: "The news report (about 900-1400 characters).",
    summary: "One sentence (15-30 words) with the key facts, not copied from the document.",
  },
  example,
  inputKey: (ex) => String(ex.document),
};
