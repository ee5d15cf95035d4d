/**
 * Ordering keys, the part both storages share: which jobs hold their key, and which one may
 * start. Pure; the storages read the rows through their own indexes.
 * @module
 */
import type { JobState } from '../job/job-states.js'
import type { JobRecord } from '../job/record.js'

/**
 * A key held by a job that failed for good: nothing more of it runs until that job is retried or removed.
 * @example for (const { key, jobId } of await queue.blockedKeys()) console.log(`${key} waits for ${jobId}`)
 */
export interface BlockedKey {
  /** The ordering key. */
  key: string
  /** The id of the failed job that blocks it. */
  jobId: string
}

/**
 * The states in which a job holds its key: later jobs of the key wait for it. A job in backoff
 * (`delayed`) holds it, so the order survives retries; a failed one holds it until it is
 * retried or removed; completed and canceled jobs let the next one go.
 */
const holding = new Set<JobState>(['waiting', 'delayed', 'active', 'failed'])

/** Whether a job in `state` holds its ordering key. */
export function holdsKey(state: JobState): boolean {
  return holding.has(state)
}

/**
 * Whether `candidate` (a waiting job of an ordering key) may start: it is the earliest job
 * that holds the key (`head`, by insertion order), and no job of the key runs. The second
 * test keeps one job at a time even when an earlier job re-enters the key (a canceled job
 * retried while a later one runs).
 */
export function mayStart(candidate: JobRecord, head: JobRecord | undefined, running: boolean): boolean {
  return head?.id === candidate.id && !running
}

/**
 * Whether a write of a job from `before` to `after` (absent: no job) may change which job heads
 * its ordering key or whether that head must be marked: a job enters or leaves the jobs that
 * hold the key, or one that holds it becomes pending again (a failed head retried, a running
 * one rerun). A start or a move between other holding states changes neither.
 */
export function touchesKey(before: JobRecord | undefined, after: JobRecord | undefined): boolean {
  const key = before?.orderingKey ?? after?.orderingKey
  if (key === undefined) return false
  const held = !!before && holdsKey(before.state)
  const holds = !!after && holdsKey(after.state)
  const pending = (record: JobRecord | undefined): boolean => record?.state === 'waiting' || record?.state === 'delayed'
  return held !== holds || before?.orderingKey !== after?.orderingKey || (holds && pending(after) && !pending(before))
}
