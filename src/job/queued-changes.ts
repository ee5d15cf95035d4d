/**
 * Changes asked for to a queued job (`promote`, `update`, `changePriority`, `changeDelay`), as
 * pure transitions. The last two return `undefined` for a job whose next attempt has started
 * or is claimed (stored `active`, a job claimed ahead included: its owner may start it without
 * another transaction), or that settled: run in the storage's transaction, that makes the
 * change atomic against a claim in any context: changed before it is claimed, or not at all.
 * @module
 */
import { pendingState } from './job-states.js'
import type { JobRecord } from './record.js'

/** Whether a job waits for its next attempt: waiting, delayed (a retry's backoff too) or blocked (flows). */
export function isQueued(record: JobRecord): boolean {
  return record.state === 'waiting' || record.state === 'delayed' || record.state === 'blocked'
}

/** A new priority, and the `rank` the claim orders by. */
export function changePriority(record: JobRecord, priority: number): JobRecord | undefined {
  return isQueued(record) ? { ...record, priority, rank: -priority } : undefined
}

/** Due `delay` ms after `now`; a blocked job stays blocked, and is not due before then once released. */
export function changeDelay(record: JobRecord, delay: number, now: number): JobRecord | undefined {
  if (!isQueued(record)) return undefined
  const runAt = now + delay
  return { ...record, runAt, ...(record.state === 'blocked' ? {} : { state: pendingState(runAt, now) }) }
}

/** A delayed job becomes due now. */
export function promote(record: JobRecord, now: number): JobRecord {
  return { ...record, state: 'waiting', runAt: now }
}

/** New data for a job that has not started. */
export function updateData(record: JobRecord, data: unknown): JobRecord {
  return { ...record, data }
}
