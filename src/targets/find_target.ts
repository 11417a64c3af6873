/**
 * Look-up of a target by id among built-in and user targets.
 *
 * @module
 */
import { ConfigError } from "../core/errors.ts";
import type { Target } from "../core/target.ts";

/**
 * Returns the target with this id; user targets shadow built-ins of the same id.
 *
 * @throws {ConfigError} naming the id and the known ids when there is none.
 */
export function findTarget(id: string, targets: readonly Target[]): Target {
  for (let i = targets.length - 1; i >= 0; i--) {
    const t = targets[i];
    if (t && t.id === id) return t;
  }
  throw new ConfigError(`unknown target; known: ${targets.map((t) => t.id).join(", ")}`, {
    field: "target",
    value: id,
  });
}
