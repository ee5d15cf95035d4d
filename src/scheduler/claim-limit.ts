/**
 * What the last claim said about due jobs: `'more'` were due than it could take (a backlog),
 * `'none'` are left, or `'unknown'`: no claim has looked since the scheduler started.
 */
export type DueJobs = 'unknown' | 'more' | 'none'

/** What the claim limit depends on. */
export interface ClaimLimitInput {
  /** Whether the scheduler runs: stopped or stopping, it claims nothing (it still commits). */
  running: boolean
  due: DueJobs
  concurrency: number
  prefetch: number
  /** Jobs held here already, running or claimed ahead. */
  holding: number
  /** Whether a queue of this context has a rate limit: its jobs must start as soon as claimed. */
  paced?: boolean
}

/**
 * How many jobs the next claim may take: one per free slot, and `prefetch` more only while a
 * backlog lasts, so that one transaction serves many jobs. Claiming ahead only after a claim
 * saw more than it could take means a lone job never costs a second transaction, nor holds
 * one open while this thread is busy; so the first claim after start is for free slots only.
 * A context with a rate limit never claims ahead: a rate-limited job held for a slot would
 * start after its deadline (see `RateLimit`) and go back, its place in the budget spent, and
 * the claim cannot tell limited jobs from others.
 */
export function claimLimit({ running, due, concurrency, prefetch, holding, paced = false }: ClaimLimitInput): number {
  if (!running) return 0
  return Math.max(0, concurrency + (due === 'more' && !paced ? prefetch : 0) - holding)
}

/** What a claim that could take jobs says: `more` is the storage's word that some were left. */
export function dueAfterClaim(more: boolean | undefined): DueJobs {
  return more === true ? 'more' : 'none'
}

/**
 * What is known at (re)start: that nothing was due must be seen again by a claim, while a
 * backlog seen before (a start while stopping) still stands.
 */
export function dueAtStart(due: DueJobs): DueJobs {
  return due === 'more' ? 'more' : 'unknown'
}
