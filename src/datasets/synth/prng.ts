/**
 * The helpers the synthetic dataset generators need, over the project's one
 * seeded generator (`core/prng.ts`, mulberry32). Deterministic on every
 * platform: it uses only 32-bit integer arithmetic.
 *
 * @module
 */
import { fnv1a32, mulberry32 } from "../../core/prng.ts";

/** Hashes a master seed and labels (FNV-1a, 32 bit) into a derived seed. */
export function deriveSeed(master: number, ...labels: readonly string[]): number {
  return fnv1a32(`${master >>> 0}/${labels.join("/")}`);
}

/**
 * Seeded random source.
 *
 * @example
 * ```ts
 * import { Rng } from "./prng.ts";
 * const a = new Rng(7).int(1, 6);
 * const b = new Rng(7).int(1, 6);
 * if (a !== b) throw new Error("not deterministic");
 * ```
 */
export class Rng {
  #next: () => number;

  /** Starts the sequence for `seed` (any integer; taken modulo 2^32). */
  constructor(seed: number) {
    this.#next = mulberry32(seed);
  }

  /** A float in [0, 1). */
  next(): number {
    return this.#next();
  }

  /** An integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick from an empty array");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A shuffled copy (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }

  /** `k` distinct elements (fewer if the array is shorter), in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    return this.shuffle(items).slice(0, k);
  }
}
