/**
 * The contract every synthetic dataset generator implements.
 *
 * @module
 */
import type { JsonObject } from "../../core/json.ts";
import type { Rng } from "./prng.ts";

/** A synthetic dataset generator. */
export interface SynthGenerator {
  /** Dataset name: also its folder under datasets/ and its id prefix. */
  readonly name: string;
  /** Generator version; bump when the output changes. */
  readonly version: number;
  /** One-line description for the manifest. */
  readonly description: string;
  /** Field name -> description, in line order (`id` first). */
  readonly fields: Readonly<Record<string, string>>;
  /**
   * Draws one example (every field but `id`, keys in line order), or `undefined`
   * when this draw is rejected (for example out of the length bounds).
   */
  example(rng: Rng): JsonObject | undefined;
  /** The example's input, used to keep splits disjoint and lines unique. */
  inputKey(example: JsonObject): string;
}
