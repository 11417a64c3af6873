/**
 * The project's one seeded pseudo-random generator and string hash, shared by
 * the dataset generators, few-shot selection, sampled decoding and the
 * bootstrap. mulberry32 (Tommy Ettinger) uses only 32-bit integer arithmetic,
 * so a seed gives the same sequence on every platform; changing it changes
 * every shipped dataset (the regeneration test catches that).
 *
 * @module
 */

/**
 * A stream of uniform floats in [0, 1) from a seed (taken modulo 2^32).
 *
 * @example
 * ```ts
 * import { mulberry32 } from "./prng.ts";
 * const a = mulberry32(7)(), b = mulberry32(7)();
 * if (a !== b) throw new Error("not deterministic");
 * ```
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a (32 bit) of a string's UTF-16 code units: derives seeds from labels. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
