/**
 * Shared flag value parsers for commander's `.option(flag, text, parser)`. Each throws
 * commander's `InvalidArgumentError`, which becomes `error: option '--x <n>' argument 'v' is
 * invalid. must be ...` and exit code 2.
 *
 * @module
 */
import { InvalidArgumentError } from "commander";
import { refusalLine, UsageError } from "./_errors.ts";
import { MAX_TIME_LIMIT_S } from "../core/time_limits.ts";

/** An integer flag in `[min, max]` (decimal digits only: no `1e3`, `0x10` or `1.0`). */
export function integerFlag(min: number, max = Number.MAX_SAFE_INTEGER): (v: string) => number {
  return (value: string): number => {
    const n = Number(value.trim());
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(
        max === Number.MAX_SAFE_INTEGER
          ? `must be an integer >= ${min}`
          : `must be an integer from ${min} to ${max}`,
      );
    }
    return n;
  };
}

/** Bounds of a `numberFlag`; `above` is an exclusive lower bound. */
export interface NumberBounds {
  readonly min?: number;
  readonly above?: number;
  readonly max?: number;
}

/** A finite number flag within the given bounds. */
export function numberFlag(bounds: NumberBounds = {}): (v: string) => number {
  const rules = [
    bounds.min !== undefined ? `>= ${bounds.min}` : undefined,
    bounds.above !== undefined ? `> ${bounds.above}` : undefined,
    bounds.max !== undefined ? `<= ${bounds.max}` : undefined,
  ].filter((r) => r !== undefined);
  return (value: string): number => {
    const n = value.trim() === "" ? NaN : Number(value);
    if (
      !Number.isFinite(n) || (bounds.min !== undefined && n < bounds.min) ||
      (bounds.above !== undefined && n <= bounds.above) ||
      (bounds.max !== undefined && n > bounds.max)
    ) {
      throw new InvalidArgumentError(
        `must be a number${rules.length ? ` ${rules.join(" and ")}` : ""}`,
      );
    }
    return n;
  };
}

/**
 * A time limit in seconds: a number above 0 and at most {@linkcode MAX_TIME_LIMIT_S} (about
 * 24.8 days, the longest delay a timer honours), so no timer is ever armed past its limit.
 */
export function secondsFlag(): (v: string) => number {
  return numberFlag({ above: 0, max: MAX_TIME_LIMIT_S });
}

/** A time given as ISO 8601 (`2026-12-07T03:17:00Z`); anything else is a usage error. */
export function timeFlag(v: string): Date {
  const d = new Date(v);
  if (!/^\d{4}-\d\d-\d\dT/.test(v) || Number.isNaN(d.getTime())) {
    throw new InvalidArgumentError("must be an ISO 8601 time, e.g. 2026-12-07T03:17:00Z");
  }
  return d;
}

/** A comma-separated list flag, repeatable (values accumulate); empty items are dropped. */
export function listFlag(value: string, previous: string[] | undefined): string[] {
  const items = value.split(",").map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new InvalidArgumentError("must name at least one item");
  return [...previous ?? [], ...items];
}

/**
 * A comma-separated list of integers in `[min, max]`, repeatable (values accumulate, repeats
 * dropped, in the order given).
 */
export function integerListFlag(
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): (value: string, previous: number[] | undefined) => number[] {
  const one = integerFlag(min, max);
  return (value, previous) => {
    const items = listFlag(value, undefined).map((v) => {
      try {
        return one(v);
      } catch (e) {
        throw new InvalidArgumentError(`${JSON.stringify(v)} ${(e as Error).message}`);
      }
    });
    return [...new Set([...previous ?? [], ...items])];
  };
}

/** A comma-separated list of choices, repeatable (values accumulate, repeats dropped). */
export function choiceListFlag<C extends string>(
  choices: readonly C[],
): (value: string, previous: C[] | undefined) => C[] {
  return (value, previous) => {
    const items = listFlag(value, undefined);
    const bad = items.find((v) => !(choices as readonly string[]).includes(v));
    if (bad !== undefined) {
      throw new InvalidArgumentError(`${JSON.stringify(bad)} is not one of ${choices.join(", ")}`);
    }
    return [...new Set([...previous ?? [], ...items as C[]])];
  };
}

/** A repeatable flag whose values accumulate in order. */
export function repeatFlag(value: string, previous: string[] | undefined): string[] {
  return [...previous ?? [], value];
}

/**
 * Checks, before any work, that an output folder flag names a folder or nothing yet (it will
 * be made) and that this command may write there: otherwise a `UsageError` naming the flag and
 * path (and the folders the command may write).
 */
export async function assertOutputFolder(flag: string, path: string): Promise<void> {
  if (Deno.permissions.querySync({ name: "write", path }).state !== "granted") {
    throw new UsageError(refusalLine("write", `${flag} ${path}`));
  }
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  if (!info.isDirectory) {
    throw new UsageError(`${flag} ${path}: a file where a folder is expected`);
  }
}

/** Checks that an input folder flag names an existing folder: otherwise a `UsageError`. */
export async function assertInputFolder(flag: string, path: string): Promise<void> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) throw new UsageError(`${flag} ${path}: not found`);
    throw error;
  }
  if (!info.isDirectory) {
    throw new UsageError(`${flag} ${path}: a file where a folder is expected`);
  }
}
