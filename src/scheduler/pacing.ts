import { dictionary, own } from '../dictionary.js'
import { claimSpacing, startDeadline, type RateLimit } from './rate-limit.js'

/**
 * The pace of one scheduler, as its claims ask the stored one: the rate limits of its queues
 * (claims spaced so that starts keep the limit, see `RateLimit`), the holds its handlers'
 * `RateLimitError`s asked for since the last claim, and the start deadline of each job claimed.
 */
export function createPacing(rateLimits: Record<string, RateLimit>) {
  const spacing = claimSpacing(rateLimits)
  // Queues a handler's `RateLimitError` holds, for the next claim to store: queue → until.
  let holds: Record<string, number> = dictionary()
  const hold = (queue: string, until: number): void => void (holds[queue] = Math.max(own(holds, queue) ?? 0, until))
  return {
    /** Whether any queue here is rate-limited: then no job is claimed ahead (see `claimLimit`). */
    paced: Object.keys(rateLimits).length > 0,
    hold,
    /** What the next claim asks of the stored pace; the holds are taken, to be `restore`d if the claim fails. */
    take(): { rateLimits: typeof spacing; holds: Record<string, number> } {
      const taken = holds
      holds = dictionary()
      return { rateLimits: spacing, holds: taken }
    },
    /** Holds of a claim that failed, kept for the next. */
    restore(taken: Record<string, number>): void {
      for (const [queue, until] of Object.entries(taken)) hold(queue, until)
    },
    /** The deadline of a job of `queue` claimed at `claimedAt`, if its queue is rate-limited. */
    startBy: (queue: string, claimedAt: number): number | undefined => startDeadline(queue, claimedAt, rateLimits),
  }
}

/** The pace of one scheduler. */
export type Pacing = ReturnType<typeof createPacing>
