/**
 * The `write` dataset (like IELTS writing): a short prompt naming a text form,
 * recipient, topic, date, tone and two or three things to mention, and a target
 * paragraph of 4-7 sentences that follows from those attributes.
 *
 * @module
 */
import type { JsonObject } from "../../core/json.ts";
import type { Rng } from "./prng.ts";
import { capitalise, dayMonth } from "./lexicon.ts";
import { fill } from "./template.ts";
import { FORMS, PLACES, TIMES, TONES, TOPICS } from "./write_topics.ts";
import type { SynthGenerator } from "./types.ts";

const MIN_TEXT = 400;
const MAX_TEXT = 700;

const DEFINITE = new Set([
  "local council",
  "housing office",
  "travel website",
  "hotel manager",
  "head teacher",
  "residents' group",
  "building manager",
  "parents",
  "neighbours",
  "head of department",
]);

function recipientPhrase(r: string): string {
  if (DEFINITE.has(r)) return `the ${r}`;
  return /^[aeiou]/.test(r) ? `an ${r}` : `a ${r}`;
}

function list(items: readonly string[], last: string): string {
  return items.length < 2
    ? items.join("")
    : `${items.slice(0, -1).join(", ")} ${last} ${items.at(-1)}`;
}

const PROMPTS = [
  "Write a short {form} to {to} about {about} on {date} at {time}; tone: {tone}; mention: {mcomma}",
  "Write {aform} to {to} about {about} ({date}, {time}). Tone: {tone}. Mention {mand}.",
  "{Form} to {to} about {about}, {date} at {time}. Be {tone} and include {mand}.",
];

function example(rng: Rng): JsonObject | undefined {
  const topic = rng.pick(TOPICS);
  const tone = rng.pick(Object.keys(TONES));
  const toneText = TONES[tone] as (typeof TONES)[string];
  const form = rng.pick(FORMS);
  const recipient = rng.pick(topic.recipients);
  const date = dayMonth(rng);
  const time = rng.pick(TIMES);
  const chosen = rng.sample(Object.keys(topic.mentions), rng.chance(0.75) ? 3 : 2);
  const values = { date, time, place: rng.pick(PLACES), recipient };
  const say = (t: string): string => capitalise(fill(t, values).text);

  const sentences = [
    say(rng.pick(toneText.open)),
    say(rng.pick(topic.openings)),
    ...chosen.map((m) => say(rng.pick(topic.mentions[m] ?? []))),
    say(rng.pick(toneText.middle)),
    say(rng.pick(toneText.close)),
  ];
  const text = sentences.join(" ");
  const prompt = capitalise(
    fill(rng.pick(PROMPTS), {
      form,
      Form: capitalise(form),
      aform: /^[aeiou]/.test(form) ? `an ${form}` : `a ${form}`,
      to: recipientPhrase(recipient),
      about: topic.about,
      date,
      time,
      tone,
      mcomma: chosen.join(", "),
      mand: list(chosen, "and"),
    }).text,
  );
  if (text.length < MIN_TEXT || text.length > MAX_TEXT || text.length <= 3.2 * prompt.length) {
    return undefined;
  }
  return {
    topic: topic.id,
    attributes: { form, recipient, date, time, tone, mention: chosen },
    prompt,
    text,
  };
}

/** The `write` generator. */
export const write: SynthGenerator = {
  name: "write",
  version: 1,
  description:
    "Synthetic guided writing like IELTS: a short prompt (form, recipient, topic, date, tone, " +
    "points to mention) and a 4-7 sentence paragraph that follows from it.",
  fields: {
    id: "Example id, <dataset>-<split>-<6-digit index>.",
    topic: 'Topic id, e.g. "garden party".',
    attributes: "The prompt's attributes: form, recipient, date, time, tone, mention (list).",
    prompt: "The writing instruction (about 60-150 characters).",
    text: "The target paragraph (4-7 sentences, about 400-700 characters).",
  },
  example,
  inputKey: (ex) => String(ex.prompt),
};
