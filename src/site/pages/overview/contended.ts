/**
 * The key of a (model, target) pair in the overview's set of latency
 * measurements taken under contention.
 *
 * @module
 */

/** The key of a (model, target) pair in the overview's set of contended measurements. */
export function contendedKey(modelId: string, targetId: string): string {
  return `${modelId}\u0000${targetId}`;
}
