/**
 * English sentence trees and their two printers: English, and the rule-based
 * invented language "veltic" (SOV order, adjectives and determiners after the
 * noun, postpositions, tense suffixes on the verb, plural suffix `-in`).
 *
 * @module
 */
import { Rng } from "./prng.ts";

/** Tenses. */
export type Tense = "present" | "past" | "future";

/** A noun phrase. */
export interface NounPhrase {
  /** Determiner ("the", "a", "my", "two", ...); "a" becomes "an" before a vowel. */
  readonly det: string;
  /** Adjectives in English order. */
  readonly adjs: readonly string[];
  /** Noun (singular form). */
  readonly noun: string;
  /** Plural? */
  readonly plural: boolean;
}

/** A sentence tree. */
export interface Sentence {
  /** Subject: a pronoun or a noun phrase. */
  readonly subject: string | NounPhrase;
  /** Verb (base form). */
  readonly verb: string;
  readonly tense: Tense;
  readonly negative: boolean;
  readonly object: NounPhrase;
  /** Preposition and its noun phrase. */
  readonly place?: { readonly prep: string; readonly np: NounPhrase };
  /** Time expression (English words). */
  readonly time?: string;
}

/** Verb forms: base -> [third person singular, past]. */
export const VERBS: Readonly<Record<string, readonly [string, string]>> = {
  see: ["sees", "saw"],
  buy: ["buys", "bought"],
  sell: ["sells", "sold"],
  carry: ["carries", "carried"],
  find: ["finds", "found"],
  build: ["builds", "built"],
  study: ["studies", "studied"],
  write: ["writes", "wrote"],
  paint: ["paints", "painted"],
  open: ["opens", "opened"],
  clean: ["cleans", "cleaned"],
  cook: ["cooks", "cooked"],
  eat: ["eats", "ate"],
  watch: ["watches", "watched"],
  visit: ["visits", "visited"],
  help: ["helps", "helped"],
  bring: ["brings", "brought"],
  take: ["takes", "took"],
  feed: ["feeds", "fed"],
  wash: ["washes", "washed"],
};

/** Irregular plurals. */
export const PLURALS: Readonly<Record<string, string>> = {
  child: "children",
  fish: "fish",
  knife: "knives",
  box: "boxes",
  bus: "buses",
  church: "churches",
};

/** Pronouns, with whether they take the third-person singular. */
export const PRONOUNS: Readonly<Record<string, boolean>> = {
  I: false,
  you: false,
  he: true,
  she: true,
  we: false,
  they: false,
};

/** Determiners, singular and plural. */
export const DETS_SINGULAR = [
  "the",
  "a",
  "my",
  "your",
  "his",
  "her",
  "our",
  "their",
  "this",
  "that",
] as const;
/** Plural determiners. */
export const DETS_PLURAL = [
  "the",
  "my",
  "your",
  "his",
  "her",
  "our",
  "their",
  "these",
  "two",
  "three",
  "many",
  "some",
] as const;

/** Prepositions, rendered as postpositions in veltic. */
export const PREPS = ["in", "at", "near", "behind", "under"] as const;

/** Time expressions by tense. */
export const TIMES: Readonly<Record<Tense, readonly string[]>> = {
  past: ["yesterday", "last week", "last night", "on Monday", "on Friday", "in the morning"],
  present: ["every morning", "every day", "on Sundays", "in the evening", "every week"],
  future: ["tomorrow", "next week", "next year", "on Monday", "on Friday", "in the evening"],
};

/** Nouns by class. */
export const NOUNS = {
  people: [
    "farmer",
    "teacher",
    "child",
    "doctor",
    "sister",
    "brother",
    "friend",
    "baker",
    "sailor",
    "neighbour",
    "student",
    "uncle",
  ],
  food: ["apple", "bread", "cake", "fish", "soup", "egg", "cheese", "pie"],
  text: ["book", "letter", "map", "newspaper", "poem"],
  thing: [
    "box",
    "basket",
    "chair",
    "table",
    "lamp",
    "key",
    "coat",
    "picture",
    "door",
    "window",
    "knife",
    "bicycle",
  ],
  animal: ["horse", "dog", "cat", "bird", "goat"],
  building: ["house", "boat", "wall", "fence", "shed"],
  place: [
    "garden",
    "market",
    "kitchen",
    "village",
    "station",
    "school",
    "forest",
    "park",
    "harbour",
    "church",
  ],
} as const;

/** Noun classes. */
export type NounClass = keyof typeof NOUNS;

/** Object classes each verb accepts. */
export const VERB_OBJECTS: Readonly<Record<string, readonly NounClass[]>> = {
  see: ["people", "animal", "building", "thing"],
  buy: ["food", "text", "thing", "animal"],
  sell: ["food", "thing", "animal", "building"],
  carry: ["thing", "food", "text"],
  find: ["thing", "text", "animal"],
  build: ["building", "thing"],
  study: ["text"],
  write: ["text"],
  paint: ["building", "thing"],
  open: ["thing", "text"],
  clean: ["thing", "building"],
  cook: ["food"],
  eat: ["food"],
  watch: ["animal", "people"],
  visit: ["people"],
  help: ["people"],
  bring: ["food", "thing", "text"],
  take: ["thing", "food", "text"],
  feed: ["animal"],
  wash: ["thing", "animal"],
};

/**
 * Adjectives by noun class, in two groups (age, size, quality | colour, material,
 * state); a noun phrase takes at most one from each, in that order.
 */
export const ADJECTIVES: Readonly<
  Record<NounClass, readonly [readonly string[], readonly string[]]>
> = {
  people: [["old", "young", "tall", "clever"], ["happy", "quiet", "kind"]],
  food: [["small", "big", "sweet"], ["fresh", "warm", "cold"]],
  text: [["old", "new", "long", "short"], ["strange", "famous"]],
  thing: [["old", "new", "big", "small", "heavy", "beautiful"], [
    "red",
    "blue",
    "green",
    "wooden",
    "broken",
  ]],
  animal: [["old", "young", "big", "small"], ["white", "black", "brown"]],
  building: [["old", "new", "big", "small"], ["white", "red", "wooden"]],
  place: [["old", "new", "big", "small"], ["quiet", "busy"]],
};

const CONSONANTS = "bdfgklmnprstvz";
const VOWELS = "aeiou";

/** Every English word the grammar uses (lower case; "I" kept). */
export function englishWords(): string[] {
  const words = new Set<string>([
    ...Object.keys(VERBS),
    ...Object.keys(PRONOUNS),
    ...DETS_SINGULAR,
    ...DETS_PLURAL,
    ...PREPS,
    ...Object.values(NOUNS).flat(),
    ...Object.values(ADJECTIVES).flatMap(([a, b]) => [...a, ...b]),
    ...Object.values(TIMES).flat().flatMap((t) => t.split(" ")),
  ]);
  return [...words].sort();
}

/** Builds the fixed English -> veltic lexicon (seeded; the same on every run). */
export function buildLexicon(): ReadonlyMap<string, string> {
  const rng = new Rng(0x7e17c);
  const used = new Set<string>();
  const lex = new Map<string, string>();
  for (const word of englishWords()) {
    let v = "";
    do {
      const syllables = word.length <= 3 ? 1 + rng.int(0, 1) : 2 + (rng.chance(0.25) ? 1 : 0);
      v = "";
      for (let i = 0; i < syllables; i++) v += rng.pick([...CONSONANTS]) + rng.pick([...VOWELS]);
      if (rng.chance(0.4)) v += rng.pick([..."lnrs"]);
    } while (used.has(v) || v.endsWith("in") || ["na", "ek", "a", "uro"].includes(v));
    used.add(v);
    lex.set(word, v);
  }
  return lex;
}

/** The lexicon. */
export const LEXICON: ReadonlyMap<string, string> = buildLexicon();

/** Veltic suffixes and particles. */
export const VELTIC = {
  plural: "in",
  tense: { present: "a", past: "ek", future: "uro" } as Readonly<Record<Tense, string>>,
  negation: "na",
} as const;

function v(word: string): string {
  const out = LEXICON.get(word.toLowerCase() === "i" ? "I" : word);
  if (out === undefined) throw new Error(`veltic: no word for "${word}"`);
  return out;
}

function englishNp(np: NounPhrase): string {
  const noun = np.plural ? PLURALS[np.noun] ?? `${np.noun}s` : np.noun;
  const words = [...np.adjs, noun];
  const det = np.det === "a" && /^[aeiou]/.test(words[0] as string) ? "an" : np.det;
  return [det, ...words].join(" ");
}

function velticNp(np: NounPhrase): string {
  const noun = v(np.noun) + (np.plural ? VELTIC.plural : "");
  return [noun, ...np.adjs.map(v), v(np.det)].join(" ");
}

function thirdSingular(s: Sentence): boolean {
  return typeof s.subject === "string" ? PRONOUNS[s.subject] === true : !s.subject.plural;
}

/** Prints the English sentence. */
export function printEnglish(s: Sentence): string {
  const [third, past] = VERBS[s.verb] as readonly [string, string];
  let vp: string;
  if (s.tense === "future") vp = s.negative ? `will not ${s.verb}` : `will ${s.verb}`;
  else if (s.tense === "past") vp = s.negative ? `did not ${s.verb}` : past;
  else if (s.negative) vp = `${thirdSingular(s) ? "does" : "do"} not ${s.verb}`;
  else vp = thirdSingular(s) ? third : s.verb;
  const parts = [
    typeof s.subject === "string" ? s.subject : englishNp(s.subject),
    vp,
    englishNp(s.object),
  ];
  if (s.place) parts.push(s.place.prep, englishNp(s.place.np));
  if (s.time) parts.push(s.time);
  const text = parts.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** Prints the veltic translation: subject, time, place, object, verb. */
export function printVeltic(s: Sentence): string {
  const parts = [typeof s.subject === "string" ? v(s.subject) : velticNp(s.subject)];
  if (s.time) parts.push(...s.time.split(" ").reverse().map(v));
  if (s.place) parts.push(velticNp(s.place.np), v(s.place.prep));
  parts.push(velticNp(s.object));
  if (s.negative) parts.push(VELTIC.negation);
  parts.push(v(s.verb) + VELTIC.tense[s.tense]);
  const text = parts.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
