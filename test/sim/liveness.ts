// Invariant: once faults stop, every due job that nothing blocks is claimed within a lease.
// What may block a due job: a paused queue, an earlier job holding its ordering key or a running
// one of the key, an unfinished prerequisite (it is `blocked`, not due), the one active job of
// `limited`, a running job of its 'waiting'-scope unique key, and the rate budget of `paced` (a
// job of `paced` may wait only while the queue used its budget: `PACE.max` starts in the lease).
import { visibleState } from '../../src/job/job-states.js'
import type { JobRecord } from '../../src/job/record.js'
import { LIMITED, PACE, PACED } from './schedule'

/** States of an earlier job of the same ordering key that hold a later one back. A `blocked` one may too. */
const HOLDING = new Set(['blocked', 'waiting', 'delayed', 'active', 'failed'])

export interface LivenessWatch {
  /** A claim took `record` at `now`. */
  claimed(record: JobRecord, now: number): void
  /**
   * One round, a lease after the last: problems for each job that was due and free a round ago
   * and that no context claimed since. `paused(queue)` reads the stored pause.
   */
  round(records: readonly JobRecord[], now: number, paused: (queue: string) => boolean): string[]
}

/** Why `record` may not be claimed at `now`, or `undefined` when nothing holds it. */
export function blockedBy(record: JobRecord, index: number, records: readonly JobRecord[], now: number, paused: (queue: string) => boolean): string | undefined {
  if (visibleState(record, now) !== 'waiting') return record.state
  if (paused(record.queue)) return 'paused'
  const active = records.filter((other) => other.state === 'active' && other.id !== record.id)
  const earlier = records.slice(0, index)
  // A later job of the key may be running: it took the key while this one was still `blocked`.
  if (record.orderingKey !== undefined && [...earlier, ...active].some((other) => other.orderingKey === record.orderingKey && HOLDING.has(other.state))) return 'ordering key'
  if (record.queue === LIMITED && active.some((other) => other.queue === LIMITED)) return 'limited'
  // Keep-latest waits for any running job of its key, whatever that job's own scope (the key names one resource).
  if (record.uniqueScope === 'waiting' && active.some((other) => other.uniqueKey === record.uniqueKey)) return 'unique key running'
  return undefined
}

export function createLivenessWatch(leaseMs: number): LivenessWatch {
  const claims = new Map<string, number>()
  const pacedStarts: number[] = []
  /** The jobs due and free at the last round, with the claims each had then. */
  let free: { at: number; jobs: Array<{ record: JobRecord; claims: number }> } | undefined
  return {
    claimed(record, now) {
      claims.set(record.id, (claims.get(record.id) ?? 0) + 1)
      if (record.queue === PACED) pacedStarts.push(now)
    },
    round(records, now, paused) {
      const problems: string[] = []
      if (free) {
        const since = free.at
        const budgetUsed = pacedStarts.filter((at) => at > since).length >= PACE.max
        for (const { record, claims: before } of free.jobs) {
          if ((claims.get(record.id) ?? 0) > before || (record.queue === PACED && budgetUsed)) continue
          problems.push(`job ${record.id} (queue ${record.queue}${record.orderingKey ? `, ordering key ${record.orderingKey}` : ''}${record.uniqueKey ? `, unique ${record.uniqueKey} ${record.uniqueScope}` : ''}) was due with nothing to block it at ${since}, and no context claimed it within a lease (${leaseMs} ms, by ${now})`)
        }
      }
      const jobs = records.flatMap((record, index) => (blockedBy(record, index, records, now, paused) === undefined ? [{ record, claims: claims.get(record.id) ?? 0 }] : []))
      free = { at: now, jobs }
      return problems
    },
  }
}
