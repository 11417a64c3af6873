/**
 * The store readers' options and their one rule for a bad line: skipped with a warning (to
 * `onWarning`, else `warning: ...` on stderr), or thrown when `strict`.
 *
 * @module
 */
import { ResultsError } from "../core/errors.ts";

/** Options of the store reader. */
export interface ReadOptions {
  /** Called once per skipped line; default: `console.warn`. */
  readonly onWarning?: (message: string) => void;
  /**
   * Throw on the first line that cannot be read (a record that breaks the schema, a line that
   * is not JSON, a torn last line) instead of skipping it. Files that are not run files are
   * still only reported.
   */
  readonly strict?: boolean;
  /**
   * Parse and check each cell record's body (`quality`, `efficiency`, `sweep`) only when it is
   * first used (`deferred_cell.ts`): a reader that uses a few records of a big store reads it
   * several times faster. A body that proves invalid is reported then, and the record
   * selection passes over its record. Ignored when `strict`.
   */
  readonly deferBodies?: boolean;
}

/**
 * Skips a line that failed with `err` (a `ResultsError`): its message goes to `warnings` and
 * `onWarning`. Rethrows anything else, and everything when `strict`.
 */
export function skipOrThrow(err: unknown, options: ReadOptions, warnings: string[]): void {
  if (options.strict || !(err instanceof ResultsError)) throw err;
  warnings.push(err.message);
  if (options.onWarning) options.onWarning(err.message);
  else console.warn(`warning: ${err.message}`);
}
