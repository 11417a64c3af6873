/**
 * Pareto front of quality against latency: maximise quality (y), minimise
 * time to first token (x).
 *
 * @module
 */

/** A point of a quality/latency plot. */
export interface ParetoInput {
  /** Identifier (model id). */
  readonly id: string;
  /** Latency, lower is better. */
  readonly x: number;
  /** Quality, higher is better. */
  readonly y: number;
}

/**
 * Ids of the points no other point dominates, in increasing `x`. A point
 * dominates another when it is no worse on both axes and better on one.
 *
 * @example
 * ```ts
 * import { paretoFront } from "./pareto.ts";
 * paretoFront([{ id: "a", x: 1, y: 1 }, { id: "b", x: 2, y: 3 }, { id: "c", x: 3, y: 2 }]);
 * // ["a", "b"]
 * ```
 */
export function paretoFront(points: readonly ParetoInput[]): string[] {
  const finite = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const sorted = [...finite].sort((p, q) => p.x - q.x || q.y - p.y);
  const front: string[] = [];
  let best = -Infinity;
  let lastX = NaN, lastY = NaN;
  for (const p of sorted) {
    if (p.y > best) {
      front.push(p.id);
      best = p.y;
      lastX = p.x;
      lastY = p.y;
    } else if (p.x === lastX && p.y === lastY) {
      front.push(p.id); // an exact duplicate of a front point is not dominated either
    }
  }
  return front;
}
