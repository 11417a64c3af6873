/** Small assertion helpers over node:assert (JSR's @std/assert is not reachable). @module */
import { deepStrictEqual, ok } from "node:assert/strict";

/** Asserts a condition. */
export function assert(cond: unknown, message?: string): asserts cond {
  ok(cond, message ?? "assertion failed");
}

/** Asserts deep equality. */
export function assertEquals<T>(actual: unknown, expected: T, message?: string): void {
  deepStrictEqual(actual, expected, message ?? "values differ");
}

/** Asserts that `fn` throws an instance of `Class`, and returns the error. */
export function assertThrows<E extends Error>(
  fn: () => unknown,
  Class: new (...args: never[]) => E,
): E {
  try {
    fn();
  } catch (err) {
    ok(err instanceof Class, `expected ${Class.name}, got ${String(err)}`);
    return err;
  }
  throw new Error(`expected ${Class.name} to be thrown`);
}

/** Asserts that `fn` rejects with an instance of `Class`, and returns the error. */
export async function assertRejects<E extends Error>(
  fn: () => Promise<unknown>,
  Class: new (...args: never[]) => E,
): Promise<E> {
  try {
    await fn();
  } catch (err) {
    ok(err instanceof Class, `expected ${Class.name}, got ${String(err)}`);
    return err;
  }
  throw new Error(`expected ${Class.name} to be rejected`);
}
