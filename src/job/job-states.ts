/**
 * The states of a job, written once, and what follows from a state alone.
 * @module
 */

/**
 * Every state of a job, in lifecycle order. `blocked` is a job of a flow whose prerequisites
 * have not all completed; `delayed` is a waiting job whose `runAt` is still ahead; it is
 * stored apart so that due jobs are one index range.
 * @example JOB_STATES.includes(job.state)
 */
export const JOB_STATES = ['blocked', 'waiting', 'delayed', 'active', 'completed', 'failed', 'canceled'] as const

/** The states of a job that has settled: it will not run again unless rerun. */
export const SETTLED_STATES = ['completed', 'failed', 'canceled'] as const

/** The state of a job, as stored and as users see it. */
export type JobState = (typeof JOB_STATES)[number]

/** The states of a job that has settled. */
export type SettledState = (typeof SETTLED_STATES)[number]

const settled = new Set<JobState>(SETTLED_STATES)

/** Whether the job has settled (completed, failed or canceled). */
export function isSettled(state: JobState): state is SettledState {
  return settled.has(state)
}

/** The state a job gets when it is scheduled to run at `runAt`. */
export function pendingState(runAt: number, now: number): 'waiting' | 'delayed' {
  return runAt > now ? 'delayed' : 'waiting'
}

/**
 * The state users see: a stored `delayed` job whose time has come is `waiting`, and so is one
 * claimed ahead (`held`) that has not started: `active` means running.
 */
export function visibleState(record: { state: JobState; runAt: number; held?: boolean }, now: number): JobState {
  if (record.state === 'delayed' && record.runAt <= now) return 'waiting'
  return record.state === 'active' && record.held ? 'waiting' : record.state
}

/** Whether the `ttl` of a job has passed by `now`: no attempt of it may start any more. */
export function isExpired(record: { expiresAt?: number }, now: number): boolean {
  return record.expiresAt !== undefined && record.expiresAt <= now
}

/** A count of zero for every state. */
export function zeroCounts(): Record<JobState, number> {
  return Object.fromEntries(JOB_STATES.map((state) => [state, 0])) as Record<JobState, number>
}
