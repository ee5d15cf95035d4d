import { isExpired } from '../job/job-states.js'
import type { JobRecord } from '../job/record.js'
import { isPaused } from '../storage/pause.js'
import type { HeldJobs } from './held-jobs.js'
import type { SchedulerOptions } from './scheduler-options.js'

/** Due jobs one look reads: the first a claim would take. */
const LOOK = 16

/** Whether this scheduler could claim `record` now: nothing but a claim that did not come holds it back. */
export function claimableHere(record: JobRecord, options: Pick<SchedulerOptions, 'online' | 'queueLimits' | 'rateLimits'>, paused: Parameters<typeof isPaused>[0], now: number): boolean {
  // Legitimate waits: a paused queue, no network, a queue limited across contexts or paced, an expiry the claim will fail.
  return !isPaused(paused, record.queue) && (!record.requiresNetwork || options.online()) &&
    options.queueLimits[record.queue] === undefined && options.rateLimits[record.queue] === undefined && !isExpired(record, now)
}

/**
 * The `stuck` watch of a running scheduler: no silent stall. Looked at on the lease ticks (see
 * `createLeases`), never on a timer of its own: each look costs one read transaction of a few
 * short index ranges (`storage.dueJobs`, ≤ 16 rows), a third of a lease apart, and only while
 * the ticks run (after a claim here, while jobs run anywhere, while a due job stays unclaimed);
 * an idle queue on an idle database still reads nothing. A job is reported once when two looks
 * in a row saw it due and claimable here, due for over a third of a lease, while this scheduler
 * had a free slot: a claim should have taken it (a lost wake-up, a claim that missed it).
 * @returns `look()`, which resolves to whether due jobs were left unclaimed (look again).
 */
export function createStuckWatch(options: SchedulerOptions, jobs: Pick<HeldJobs, 'size'>) {
  const { storage, now, leaseMs, concurrency, emit } = options
  const threshold = Math.floor(leaseMs / 3)
  let seen = new Set<string>()
  let reported = new Set<string>()

  return async function look(): Promise<boolean> {
    // Every slot taken: due jobs wait for one, as they should.
    if (jobs.size() >= concurrency) {
      seen = new Set()
      return false
    }
    const at = now()
    const { runnable, paused } = await storage.dueJobs(at, LOOK)
    const due = runnable.filter((record) => record.runAt <= at && claimableHere(record, options, paused, at))
    for (const record of due) {
      const dueFor = at - record.runAt
      if (seen.has(record.id) && !reported.has(record.id) && dueFor > threshold) {
        reported.add(record.id)
        emit('stuck', { record, dueFor })
      }
    }
    seen = new Set(due.map((record) => record.id))
    reported = new Set([...reported].filter((id) => seen.has(id)))
    return due.length > 0
  }
}
