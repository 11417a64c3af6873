/**
 * The `qa` dataset (like SQuAD 2.0): a passage of facts about a person, town or
 * company plus distractor entities of the same kind, and a question whose
 * answer is an exact span of the passage, or (about a third of the time) a
 * plausible question the passage cannot answer.
 *
 * @module
 */
import type { JsonObject } from "../../core/json.ts";
import type { Rng } from "./prng.ts";
import {
  type Entity,
  entity,
  type EntityKind,
  type FactDef,
  FACTS,
  FILLERS,
  LINKS,
} from "./qa_facts.ts";
import { fill, slotsOf } from "./template.ts";
import type { SynthGenerator } from "./types.ts";

const KINDS: readonly EntityKind[] = ["person", "town", "company"];
// About the length of a SQuAD 2.0 paragraph (mean ~735 characters). Version 1 had 900-1400;
// version 2 halved the passage so the micro models' budget reaches the question (models/).
const MIN_CHARS = 450;
const MAX_CHARS = 800;
const UNANSWERABLE_SHARE = 1 / 3;

/** A fact as stated in the passage. */
interface Stated {
  readonly entity: Entity;
  readonly fact: FactDef;
  readonly values: Readonly<Record<string, string>>;
  /** Askable slot -> offset of its value in the sentence. */
  readonly offsets: Readonly<Record<string, number>>;
  readonly sentence: string;
}

/** A sentence of the passage, with the fact it states (if any). */
interface Piece {
  readonly text: string;
  readonly stated?: Stated;
}

function stateFact(rng: Rng, ent: Entity, fact: FactDef, first: boolean): Stated {
  const values = fact.draw(rng, ent);
  const ref = first || ent.kind !== "person" || rng.chance(0.5) ? ent.name : ent.short;
  const filled = fill(rng.pick(fact.sentences), { ...values, e: ref });
  const offsets: Record<string, number> = {};
  for (const slot of Object.keys(fact.questions)) {
    const at = filled.offsets[slot];
    if (at !== undefined) offsets[slot] = at;
  }
  return { entity: ent, fact, values, offsets, sentence: filled.text };
}

function distinctEntities(rng: Rng, kind: EntityKind, n: number): Entity[] {
  const out: Entity[] = [];
  while (out.length < n) {
    const e = entity(rng, kind);
    if (out.some((o) => o.name === e.name || o.short === e.short)) continue;
    out.push(e);
  }
  return out;
}

function entityBlock(rng: Rng, ent: Entity, count: number): Piece[] {
  const facts = FACTS[ent.kind];
  const chosen = new Set(rng.sample(facts.map((_, i) => i), count));
  const pieces: Piece[] = [];
  facts.forEach((fact, i) => {
    if (!chosen.has(i)) return;
    const stated = stateFact(rng, ent, fact, pieces.length === 0);
    pieces.push({ text: stated.sentence, stated });
  });
  return pieces;
}

function questionTemplates(fact: FactDef, slot: string, onlyEntity: boolean): string[] {
  const all = fact.questions[slot] ?? [];
  return onlyEntity ? all.filter((t) => slotsOf(t).every((s) => s === "e")) : [...all];
}

/** Draws one qa example. */
function example(rng: Rng): JsonObject | undefined {
  const kind = rng.pick(KINDS);
  const nDistractors = rng.int(2, 3);
  const [main, ...others] = distinctEntities(rng, kind, 2 + nDistractors);
  if (main === undefined) return undefined;
  const distractors = others.slice(0, nDistractors);
  const absent = others[nDistractors] as Entity;

  const mainBlock = entityBlock(rng, main, rng.int(7, FACTS[kind].length));
  const split = rng.int(2, mainBlock.length - 2);
  const pieces: Piece[] = mainBlock.slice(0, split);
  distractors.forEach((d, i) => {
    const link = rng.pick(LINKS[kind]).replace("{d}", d.name).replace("{m}", main.short);
    pieces.push({ text: link });
    pieces.push(...entityBlock(rng, d, rng.int(3, 5)));
    if (i === 0) pieces.push(...mainBlock.slice(split));
  });
  for (const filler of rng.sample(FILLERS[kind], rng.int(1, 2))) {
    pieces.splice(rng.int(1, pieces.length), 0, { text: filler.replaceAll("{m}", main.short) });
  }
  if (distractors.length === 0) pieces.push(...mainBlock.slice(split));
  // Trim from the end (never the first sentence) until the passage fits.
  let total = pieces.reduce((n, p) => n + p.text.length + 1, -1);
  const target = rng.int(MIN_CHARS + 100, MAX_CHARS);
  while (total > target && pieces.length > 4) {
    const i = rng.int(1, pieces.length - 1);
    const [removed] = pieces.splice(i, 1);
    total -= (removed?.text.length ?? 0) + 1;
  }
  if (total < MIN_CHARS || total > MAX_CHARS) return undefined;

  // Offsets of every stated fact in the context.
  let context = "";
  const placed: { stated: Stated; base: number }[] = [];
  for (const p of pieces) {
    if (context.length > 0) context += " ";
    if (p.stated !== undefined) placed.push({ stated: p.stated, base: context.length });
    context += p.text;
  }
  const inPassage = [main, ...distractors].filter((e) =>
    placed.some((p) => p.stated.entity === e) || context.includes(e.name)
  );

  let question: string;
  let answers: string[] = [];
  let starts: number[] = [];
  if (rng.chance(UNANSWERABLE_SHARE)) {
    if (rng.chance(0.5)) {
      // An entity in the passage, asked about a fact type the passage never states for it.
      const ent = rng.pick(inPassage);
      const stated = new Set(
        placed.filter((p) => p.stated.entity === ent).map((p) => p.stated.fact.id),
      );
      const missing = FACTS[kind].filter((f) => !stated.has(f.id));
      if (missing.length === 0) return undefined;
      const fact = rng.pick(missing);
      const templates = questionTemplates(fact, rng.pick(Object.keys(fact.questions)), true);
      if (templates.length === 0) return undefined;
      question = fill(rng.pick(templates), { e: ent.name }).text;
    } else {
      // An entity of the same kind that the passage never mentions.
      if (context.includes(absent.short) || context.includes(absent.name)) return undefined;
      const p = rng.pick(placed);
      const slots = Object.keys(p.stated.offsets);
      const templates = questionTemplates(p.stated.fact, rng.pick(slots), true);
      if (templates.length === 0) return undefined;
      question = fill(rng.pick(templates), { e: absent.name }).text;
    }
  } else {
    const p = rng.pick(placed);
    const slot = rng.pick(Object.keys(p.stated.offsets));
    const template = rng.pick(questionTemplates(p.stated.fact, slot, false));
    question = fill(template, { ...p.stated.values, e: p.stated.entity.name }).text;
    const answer = p.stated.values[slot] as string;
    const start = p.base + (p.stated.offsets[slot] as number);
    if (context.slice(start, start + answer.length) !== answer) {
      throw new Error(`qa: misplaced span ${answer} at ${start}`);
    }
    answers = [answer];
    starts = [start];
  }
  return {
    title: main.name,
    context,
    question,
    answers,
    answer_starts: starts,
    is_impossible: answers.length === 0,
  };
}

/** The `qa` generator. */
export const qa: SynthGenerator = {
  name: "qa",
  version: 2,
  description:
    "Synthetic extractive QA like SQuAD 2.0: fact passages about people, towns and companies " +
    "with same-kind distractors; one third of the questions are unanswerable.",
  fields: {
    id: "Example id, <dataset>-<split>-<6-digit index>.",
    title: "Name of the passage's main entity.",
    context: "The passage (about 450-800 characters).",
    question: "A question about the passage.",
    answers: "Answer texts: one exact span of the context, or [] when unanswerable.",
    answer_starts: "Character offset of each answer in the context (UTF-16 code units).",
    is_impossible: "True when the passage does not answer the question.",
  },
  example,
  inputKey: (ex) => `${ex.context}\u0000${ex.question}`,
};
