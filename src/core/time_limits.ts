/**
 * Time limits: the longest delay a timer can take, and the default time an eval or a merge
 * waits for a lock. A timer armed with more than {@linkcode MAX_TIMER_MS} fires at once (Node
 * and Deno clamp it to 1 ms), so every user-given time limit is bounded by it and every timer
 * is armed through {@linkcode timerDelay}.
 *
 * @module
 */

/** The longest delay `setTimeout` honours: 2^31 - 1 ms (about 24.8 days). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The longest time limit a flag may give, in whole seconds (2,147,483 s, about 24.8 days). */
export const MAX_TIME_LIMIT_S = Math.floor(MAX_TIMER_MS / 1000);

/** How long an eval or a merge waits for a device or store lock by default: 30 minutes. */
export const DEFAULT_LOCK_TIMEOUT_S = 1800;

/**
 * A delay safe to give `setTimeout`: `ms` itself when it is a finite number from 0 to
 * {@linkcode MAX_TIMER_MS}; throws `RangeError` otherwise (a bug: flags are bounded first).
 */
export function timerDelay(ms: number): number {
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_TIMER_MS) {
    throw new RangeError(`timer delay ${ms} ms is outside 0..${MAX_TIMER_MS} ms`);
  }
  return ms;
}
