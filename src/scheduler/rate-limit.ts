import { DEFAULTS } from '../defaults.js'
import { dictionary, own } from '../dictionary.js'
import type { RateLimit as ClaimSpacing } from '../storage/pace.js'

/**
 * At most `max` handlers of a named queue start in any window of `duration` ms, across every
 * context that shares the database and gives the queue the same limit. A start is the moment
 * the handler is called, by the clock (`Date.now()`) of the thread that calls it.
 *
 * How it holds: the stored log counts claims, not starts, so a claimed job must start within
 * `startWithin` ms of its claim's time, or it is put back without spending its attempt (its
 * place in the budget is lost), and claims are spaced by `duration + startWithin`. The handler's
 * thread checks the deadline right before calling it, so a late dispatch (a worker still
 * loading, a busy thread) puts the job back rather than breaking the window. A context with a
 * rate limit claims no jobs ahead of its free slots (`prefetch` is not used): a job held for a
 * slot would start late.
 * @default no limit (`queues[name].rateLimit` unset)
 * @example { max: 5, duration: 1000 } // a server that allows 5 calls per second
 */
export interface RateLimit {
  /** Starts per window. Minimum: `1`. */
  max: number
  /** The window, in ms. Minimum: `1`. Maximum: `2 ** 31 - 1` (≈ 24.8 days, the timer limit). */
  duration: number
  /**
   * Ms after its claim within which a job's handler must start, or the job goes back. Larger
   * tolerates a slower dispatch; it lowers the pace to `max` per `duration + startWithin` ms.
   * Minimum: `0`. Maximum: `2 ** 31 - 1` (≈ 24.8 days, the timer limit).
   * @default {@link DEFAULTS.rateLimitStartWithin}
   */
  startWithin?: number
}

/**
 * What the claim's stored log must enforce for each limit: starts fall within `startWithin`
 * after their claims, so claims `duration + startWithin` apart give starts `duration` apart.
 */
export function claimSpacing(limits: Record<string, RateLimit>): Record<string, ClaimSpacing> {
  return dictionary(Object.entries(limits).map(([queue, { max, duration, startWithin }]): [string, ClaimSpacing] => (
    [queue, { max, duration: duration + (startWithin ?? DEFAULTS.rateLimitStartWithin) }]
  )))
}

/**
 * The epoch ms after which a job of `queue` claimed at `claimedAt` (the claim request's `now`,
 * the time the stored log counted) must not start; undefined if its queue has no limit.
 */
export function startDeadline(queue: string, claimedAt: number, limits: Record<string, RateLimit>): number | undefined {
  const limit = own(limits, queue)
  return limit ? claimedAt + (limit.startWithin ?? DEFAULTS.rateLimitStartWithin) : undefined
}
