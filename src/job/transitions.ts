/**
 * Every state change of a job as a pure function of the record: no I/O, no clock, no
 * randomness of its own. Storages run them inside their transactions; the scheduler decides
 * which one applies.
 * @module
 */
import { DEFAULTS } from '../defaults.js'
import { backoffDelay } from './backoff.js'
import type { ErrorData, JobRecord } from './record.js'
import { pendingState } from './job-states.js'

function withoutLease(record: JobRecord): JobRecord {
  const { owner: _o, leaseUntil: _l, token: _t, cancelRequested: _c, ...rest } = record
  return rest
}

/** Claim: the job becomes `active` under a fresh lease; the attempt is counted now. */
export function claim(record: JobRecord, now: number, owner: string, token: string, leaseMs: number): JobRecord {
  return {
    ...record,
    state: 'active',
    attempts: record.attempts + 1,
    startedAt: now,
    owner,
    token,
    leaseUntil: now + leaseMs,
  }
}

/** Extends the lease of a job that its owner still runs. */
export function renew(record: JobRecord, now: number, leaseMs: number): JobRecord {
  return { ...record, leaseUntil: now + leaseMs }
}

function settle(record: JobRecord, now: number): JobRecord {
  const base = withoutLease(record)
  return {
    ...base,
    settledAt: now,
    ...(record.startedAt !== undefined && record.state === 'active' ? { duration: now - record.startedAt } : {}),
  }
}

/** The attempt returned a result. */
export function complete(record: JobRecord, result: unknown, now: number): JobRecord {
  return { ...settle(record, now), state: 'completed', result, completedAt: now }
}

/** Whether a failure of this attempt leaves another attempt. */
export function canRetry(record: JobRecord, final = false): boolean {
  return !final && !record.discarded && record.attempts < record.maxAttempts
}

/**
 * The attempt failed: the job waits for its backoff and runs again, or settles as `failed`
 * when its attempts are spent, it was discarded, or the failure is `final`.
 */
export function fail(record: JobRecord, error: ErrorData, now: number, final = false, random?: () => number): JobRecord {
  const errors = [...record.errors, error]
  if (canRetry(record, final)) {
    // A server's `Retry-After` (carried by the error) is the least wait; the backoff may ask more.
    const runAt = now + Math.max(backoffDelay(record.backoff, record.attempts, random), error.retryAfter ?? 0)
    const duration = record.startedAt !== undefined ? now - record.startedAt : undefined
    return { ...withoutLease(record), state: pendingState(runAt, now), runAt, error, errors, ...(duration !== undefined ? { duration } : {}) }
  }
  return { ...settle(record, now), state: 'failed', error, errors, failedAt: now }
}

/** The job is canceled: it does not run (again). */
export function cancel(record: JobRecord, now: number): JobRecord {
  return { ...settle(record, now), state: 'canceled', canceledAt: now }
}

/** Marks a job running in another context for cancelation by its owner. */
export function requestCancel(record: JobRecord): JobRecord {
  return { ...record, cancelRequested: true }
}

/** Stop: the unfinished attempt goes back to `waiting` and is not counted (nor is an interrupted one: see `stall`). */
export function defer(record: JobRecord, now: number): JobRecord {
  return { ...withoutLease(record), state: 'waiting', runAt: now, attempts: Math.max(0, record.attempts - 1) }
}

/**
 * Rate limited (the handler threw `RateLimitError`): the attempt is not spent, and the job
 * waits until its queue's hold ends.
 */
export function rateLimited(record: JobRecord, now: number, until: number): JobRecord {
  return { ...defer(record, now), runAt: until, state: pendingState(until, now) }
}

/**
 * Stalled: the run was interrupted (its page closed or reloaded, its context died or froze
 * past its lease). That is no fault of the job: like a deferred run, the attempt is not
 * spent, and `stalls` counts the interruption. A job interrupted more than `maxStalls` times
 * fails with `StalledError`, so a job that kills its page every time cannot loop forever. A
 * job whose cancel was requested is canceled: its owner is gone, so nobody else would honour it.
 */
export function stall(record: JobRecord, now: number): JobRecord {
  if (record.cancelRequested) return cancel(record, now)
  const stalls = (record.stalls ?? 0) + 1
  if (stalls <= (record.maxStalls ?? DEFAULTS.maxStalls)) return { ...defer(record, now), stalls }
  const error: ErrorData = {
    name: 'StalledError',
    message: `Attempt ${record.attempts} was interrupted ${stalls} times, more than maxStalls (${record.maxStalls ?? DEFAULTS.maxStalls})`,
    attempt: record.attempts,
    at: now,
  }
  return { ...settle(record, now), state: 'failed', stalls, error, errors: [...record.errors, error], failedAt: now }
}

/**
 * Rerun (asked for by `retry()`): a failed or canceled job runs again as the same job with a
 * fresh budget of attempts and of interruptions (a job that failed with `StalledError` would
 * otherwise fail again at its first interruption; `errors` keeps the history).
 */
export function rerun(record: JobRecord, now: number): JobRecord {
  const {
    error: _e, result: _r, settledAt: _s, completedAt: _c, failedAt: _f, canceledAt: _x, discarded: _d, ...rest
  } = withoutLease(record)
  return { ...rest, state: 'waiting', runAt: now, attempts: 0, progress: 0, ...(record.stalls !== undefined ? { stalls: 0 } : {}) }
}

/** A delayed job becomes due now. */
export function promote(record: JobRecord, now: number): JobRecord {
  return { ...record, state: 'waiting', runAt: now }
}

/** No further attempts after the current one. */
export function discard(record: JobRecord): JobRecord {
  return { ...record, discarded: true }
}

/** New data for a job that has not started. */
export function updateData(record: JobRecord, data: unknown): JobRecord {
  return { ...record, data }
}

/** The latest progress of a running job. */
export function setProgress(record: JobRecord, progress: unknown): JobRecord {
  return { ...record, progress }
}
