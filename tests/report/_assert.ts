/** Tiny assertion helpers over node:assert (JSR is not reachable). @module */
import assert from "node:assert/strict";

export function assertEquals<T>(actual: T, expected: T, message?: string): void {
  assert.deepStrictEqual(actual, expected, message);
}

export function assert_(cond: unknown, message?: string): asserts cond {
  assert.ok(cond, message);
}

export function assertAlmost(actual: number, expected: number, tol = 1e-9, message?: string): void {
  assert.ok(Math.abs(actual - expected) <= tol, message ?? `${actual} !~ ${expected} (tol ${tol})`);
}

export { assert };
