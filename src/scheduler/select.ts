/** Selecting models, tasks and targets by id or glob. @module */
import { ConfigError } from "../core/errors.ts";

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${body}$`);
}

/**
 * The ids matching any of `patterns` (ids or globs with `*` and `?`), in the
 * order of `ids`. A pattern matching nothing is a ConfigError naming the flag.
 * Undefined or empty `patterns` selects every id.
 */
export function selectIds(
  ids: readonly string[],
  patterns: readonly string[] | undefined,
  flag: string,
): string[] {
  if (!patterns || patterns.length === 0) return [...ids];
  const chosen = new Set<string>();
  for (const p of patterns) {
    const re = globToRegExp(p);
    const hits = ids.filter((id) => re.test(id));
    if (hits.length === 0) {
      throw new ConfigError(`matches nothing; known: ${ids.join(", ") || "(none)"}`, {
        field: flag,
        value: p,
      });
    }
    hits.forEach((h) => chosen.add(h));
  }
  return ids.filter((id) => chosen.has(id));
}
