/** Tiny assertion helpers over node:assert (JSR is not reachable). @module */
import assert from "node:assert/strict";

/** Deep equality. */
export function assertEquals<T>(actual: T, expected: T, message?: string): void {
  if (message === undefined) assert.deepStrictEqual(actual, expected);
  else assert.deepStrictEqual(actual, expected, message);
}

/** `actual` within `tol` of `expected`. */
export function assertAlmost(actual: number, expected: number, tol = 1e-9, message?: string): void {
  assert.ok(
    Math.abs(actual - expected) <= tol,
    message ?? `${actual} !~ ${expected} (tol ${tol})`,
  );
}

export { assert };
