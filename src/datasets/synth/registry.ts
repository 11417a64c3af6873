/**
 * The shipped synthetic datasets, by name.
 *
 * @module
 */
import { codeTranslate } from "./code_translate.ts";
import { qa } from "./qa.ts";
import { summarize } from "./summarize.ts";
import { translate } from "./translate.ts";
import type { SynthGenerator } from "./types.ts";
import { write } from "./write.ts";

/** Every shipped synthetic dataset generator, in a fixed order. */
export const GENERATORS: readonly SynthGenerator[] = [
  qa,
  summarize,
  write,
  codeTranslate,
  translate,
];

/** Looks a generator up by dataset name. */
export function generatorByName(name: string): SynthGenerator | undefined {
  return GENERATORS.find((g) => g.name === name);
}
