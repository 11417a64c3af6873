/**
 * Choosing the next token from a logits row: greedy argmax, or seeded sampling
 * with temperature, top-k and top-p (nucleus). The random stream is a small
 * deterministic PRNG per request, so one seed gives one output whatever the
 * batch size.
 *
 * @module
 */
import { mulberry32 } from "../core/prng.ts";

/** Index of the largest value (the first on ties). */
export function argmax(row: Float32Array): number {
  let best = 0;
  let bestValue = row[0]!;
  for (let i = 1; i < row.length; i++) {
    const v = row[i]!;
    if (v > bestValue) {
      bestValue = v;
      best = i;
    }
  }
  return best;
}

/** Sampling settings. */
export interface SampleSettings {
  /** Softmax temperature, > 0. */
  readonly temperature: number;
  /** Keep only the k most likely tokens (0 or absent: all). */
  readonly topK?: number;
  /** Keep the smallest set of most likely tokens whose probability reaches p (1 or absent: all). */
  readonly topP?: number;
}

/** A seeded pseudo-random stream of floats in [0, 1): the project's one PRNG (`core/prng.ts`). */
export function seededRandom(seed: number): () => number {
  return mulberry32(seed);
}

/** Mixes a seed with a request index into an independent stream seed. */
export function streamSeed(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (index + 0x85ebca6b), 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Draws a token from a logits row with the given settings and random stream.
 *
 * @example
 * ```ts
 * import { sample, seededRandom } from "./sampling.ts";
 * const row = new Float32Array([0, 10, 0]);
 * const id = sample(row, { temperature: 1, topK: 1 }, seededRandom(1));
 * if (id !== 1) throw new Error("top-k 1 must be greedy");
 * ```
 */
export function sample(row: Float32Array, s: SampleSettings, random: () => number): number {
  const v = row.length;
  const k = s.topK && s.topK > 0 ? Math.min(s.topK, v) : v;
  let order: number[];
  if (k < v) {
    // keep the k largest in a small sorted array (descending)
    order = [];
    for (let i = 0; i < v; i++) {
      const x = row[i]!;
      if (order.length === k && x <= row[order[k - 1]!]!) continue;
      let j = order.length < k ? order.length : k - 1;
      while (j > 0 && row[order[j - 1]!]! < x) {
        order[j] = order[j - 1]!;
        j--;
      }
      order[j] = i;
    }
  } else {
    order = Array.from({ length: v }, (_, i) => i);
    order.sort((a, b) => row[b]! - row[a]! || a - b);
  }
  const t = s.temperature;
  const max = row[order[0]!]! / t;
  const probs = order.map((i) => Math.exp(row[i]! / t - max));
  let total = probs.reduce((a, b) => a + b, 0);
  let keep = probs.length;
  if (s.topP !== undefined && s.topP < 1) {
    let cum = 0;
    for (let i = 0; i < probs.length; i++) {
      cum += probs[i]! / total;
      if (cum >= s.topP) {
        keep = i + 1;
        break;
      }
    }
    total = 0;
    for (let i = 0; i < keep; i++) total += probs[i]!;
  }
  let r = random() * total;
  for (let i = 0; i < keep; i++) {
    r -= probs[i]!;
    if (r < 0) return order[i]!;
  }
  return order[keep - 1]!;
}
