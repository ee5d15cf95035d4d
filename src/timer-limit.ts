/**
 * The longest wait a timer takes: `setTimeout` stores its delay as a signed 32-bit integer, so
 * a longer one overflows and fires at once (Node warns `TimeoutOverflowWarning`, browsers do
 * not). Durations that arm a timer are validated against it; waits for a time (`runAt`, a
 * schedule's next slot) are taken in steps of at most this.
 * @module
 */

/** `2 ** 31 - 1` ms, ≈ 24.8 days. */
export const MAX_TIMER_DELAY = 2 ** 31 - 1

/** `ms` as a timer can wait it: within `0..MAX_TIMER_DELAY` (a longer wait wakes early, and waits again). */
export function timerDelay(ms: number): number {
  return Math.min(Math.max(0, ms), MAX_TIMER_DELAY)
}
