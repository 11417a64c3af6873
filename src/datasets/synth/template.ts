/**
 * Fills `{slot}` templates and records where each slot's value landed, so a
 * generator can cite exact answer spans.
 *
 * @module
 */

/** A filled template: the text and the character offset of each slot's value. */
export interface Filled {
  /** The text. */
  readonly text: string;
  /** Slot name -> offset of its first occurrence in `text`. */
  readonly offsets: Readonly<Record<string, number>>;
}

const SLOT = /\{(\w+)\}/g;

/**
 * Replaces every `{name}` in `template` by `values[name]`; throws on a missing value.
 *
 * @example
 * ```ts
 * import { fill } from "./template.ts";
 * const f = fill("{e} was born in {year}.", { e: "Ana", year: "1950" });
 * const at = f.offsets.year ?? -1;
 * if (f.text.slice(at, at + 4) !== "1950") throw new Error();
 * ```
 */
export function fill(template: string, values: Readonly<Record<string, string>>): Filled {
  let text = "";
  let last = 0;
  const offsets: Record<string, number> = {};
  for (const m of template.matchAll(SLOT)) {
    const name = m[1] as string;
    const value = values[name];
    if (value === undefined) throw new Error(`template slot {${name}} has no value: ${template}`);
    text += template.slice(last, m.index);
    if (!(name in offsets)) offsets[name] = text.length;
    text += value;
    last = m.index + m[0].length;
  }
  text += template.slice(last);
  return { text, offsets };
}

/** Names of the slots a template uses. */
export function slotsOf(template: string): string[] {
  return [...template.matchAll(SLOT)].map((m) => m[1] as string);
}
