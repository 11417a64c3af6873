/**
 * The `translate` dataset: English sentences from a small grammar and their
 * rule-based translation into the invented language veltic.
 *
 * @module
 */
import type { JsonObject } from "../../core/json.ts";
import type { Rng } from "./prng.ts";
import {
  ADJECTIVES,
  DETS_PLURAL,
  DETS_SINGULAR,
  type NounClass,
  type NounPhrase,
  NOUNS,
  PREPS,
  printEnglish,
  printVeltic,
  PRONOUNS,
  type Sentence,
  type Tense,
  TIMES,
  VERB_OBJECTS,
  VERBS,
} from "./veltic.ts";
import type { SynthGenerator } from "./types.ts";

const MIN_CHARS = 40;
const MAX_CHARS = 120;

function nounPhrase(rng: Rng, cls: NounClass, maxAdjs: number): NounPhrase {
  const plural = rng.chance(0.35);
  const det = rng.pick<string>(plural ? DETS_PLURAL : DETS_SINGULAR);
  const [first, second] = ADJECTIVES[cls];
  const n = rng.int(0, maxAdjs);
  const adjs = n === 0
    ? []
    : n === 1
    ? [rng.pick(rng.chance(0.5) ? first : second)]
    : [rng.pick(first), rng.pick(second)];
  return { det, adjs, noun: rng.pick(NOUNS[cls]), plural };
}

/** Draws a random sentence tree. */
export function randomSentence(rng: Rng): Sentence {
  const tense = rng.pick<Tense>(["present", "past", "future"]);
  const verb = rng.pick(Object.keys(VERBS));
  const subject = rng.chance(0.4) ? rng.pick(Object.keys(PRONOUNS)) : nounPhrase(rng, "people", 1);
  const object = nounPhrase(rng, rng.pick(VERB_OBJECTS[verb] ?? ["thing"]), 2);
  const s: Sentence = {
    subject,
    verb,
    tense,
    negative: rng.chance(0.2),
    object,
    ...(rng.chance(0.55)
      ? { place: { prep: rng.pick(PREPS), np: nounPhrase(rng, "place", 1) } }
      : {}),
    ...(rng.chance(0.5) ? { time: rng.pick(TIMES[tense]) } : {}),
  };
  return s;
}

function example(rng: Rng): JsonObject | undefined {
  const s = randomSentence(rng);
  const source = printEnglish(s);
  if (source.length < MIN_CHARS || source.length > MAX_CHARS) return undefined;
  return { source_lang: "en", target_lang: "veltic", source, target: printVeltic(s) };
}

/** The `translate` generator. */
export const translate: SynthGenerator = {
  name: "translate",
  version: 1,
  description:
    "Synthetic machine translation: English sentences from a small grammar and their rule-based " +
    "translation into the invented SOV language veltic.",
  fields: {
    id: "Example id, <dataset>-<split>-<6-digit index>.",
    source_lang: 'Always "en".',
    target_lang: 'Always "veltic".',
    source: "The English sentence (40-120 characters).",
    target: "Its veltic translation.",
  },
  example,
  inputKey: (ex) => String(ex.source),
};
