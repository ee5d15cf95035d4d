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
  const { owner: _o, leaseUntil: _l, token: _t, cancelRequested: _c, held: _h, ...rest } = record
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

/**
 * Claim ahead (prefetch): the job is taken under a lease, so no other context starts it, but
 * it is `held` (shown and counted as waiting) and its attempt is not counted until `start`.
 */
export function claimAhead(record: JobRecord, now: number, owner: string, token: string, leaseMs: number): JobRecord {
  return { ...record, state: 'active', held: true, owner, token, leaseUntil: now + leaseMs }
}

/** A job claimed ahead starts: its attempt is counted now. Any other record is left as it is. */
export function start(record: JobRecord, now: number): JobRecord {
  if (!record.held) return record
  const { held: _held, ...rest } = record
  return { ...rest, attempts: record.attempts + 1, startedAt: now }
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
    // A retry due after the job's expiry could never start: the job expires now.
    if (record.expiresAt !== undefined && runAt >= record.expiresAt) return expire({ ...record, errors }, now)
    const duration = record.startedAt !== undefined ? now - record.startedAt : undefined
    return { ...withoutLease(record), state: pendingState(runAt, now), runAt, error, errors, ...(duration !== undefined ? { duration } : {}) }
  }
  return { ...settle(record, now), state: 'failed', error, errors, failedAt: now }
}

/** Expired (`ttl`): the job fails with `ExpiredError` without starting (again), whatever attempts are left. */
export function expire(record: JobRecord, now: number): JobRecord {
  const error: ErrorData = { name: 'ExpiredError', message: `Not started within its ttl (expired at ${new Date(record.expiresAt ?? now).toISOString()})`, attempt: record.attempts, at: now }
  return { ...settle(record, now), state: 'failed', error, errors: [...record.errors, error], failedAt: now }
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
  // A job claimed ahead never counted its attempt.
  return { ...withoutLease(record), state: 'waiting', runAt: now, attempts: record.held ? record.attempts : Math.max(0, record.attempts - 1) }
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
  // A job claimed ahead by a context that is gone never ran: nothing was interrupted.
  if (record.held) return defer(record, now)
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
 * otherwise fail again at its first interruption; `errors` keeps the history). A
 * flow's job failed by its prerequisites runs too, without their results: blocked again, it
 * could wait for ever on a prerequisite that failed for good. Its `ttl` bounded the add's wait, not this one's.
 */
export function rerun(record: JobRecord, now: number): JobRecord {
  const {
    error: _e, result: _r, settledAt: _s, completedAt: _c, failedAt: _f, canceledAt: _x, discarded: _d, failedPrerequisites: _p, expiresAt: _t, ...rest
  } = withoutLease(record)
  return { ...rest, state: 'waiting', runAt: now, attempts: 0, progress: 0, ...(record.stalls !== undefined ? { stalls: 0 } : {}) }
}

/** No further attempts after the current one. */
export function discard(record: JobRecord): JobRecord {
  return { ...record, discarded: true }
}

/** The latest progress of a running job. */
export function setProgress(record: JobRecord, progress: unknown): JobRecord {
  return { ...record, progress }
}

// Flows: what a prerequisite's settle makes of a dependent. Each returns `undefined` when the
// dependent is not concerned (it ran already, or was never waiting for that prerequisite).

function without(list: readonly string[] | undefined, id: string): string[] {
  return (list ?? []).filter((other) => other !== id)
}

/** Failed because of its prerequisites, not by a run of its own: a rerun of them may block it again. */
export function failedByDependency(record: JobRecord): boolean {
  return record.state === 'failed' && (record.failedPrerequisites?.length ?? 0) > 0
}

/** A blocked job whose last prerequisite is done becomes due (not before its own `runAt`). */
function releaseIfDone(record: JobRecord, now: number): JobRecord {
  if (record.state !== 'blocked' || record.awaiting?.length) return record
  const runAt = Math.max(record.runAt, now)
  return { ...record, state: pendingState(runAt, now), runAt }
}

/**
 * The prerequisite `prerequisite` completed: its result joins the dependent's `dependencies`
 * under its ref, and a blocked dependent with no prerequisite left becomes `waiting`. A
 * `'continue'` dependent released without it (it had failed) that has not started gets the
 * result of its rerun too; one that started keeps what it had.
 */
export function prerequisiteCompleted(record: JobRecord, prerequisite: JobRecord, now: number): JobRecord | undefined {
  // Released without it, not started yet: a rerun of it that completed still brings its result.
  if (gaveUpOn(record, prerequisite, 'pending')) return { ...record, dependencies: { ...record.dependencies, [prerequisite.ref ?? prerequisite.id]: prerequisite.result } }
  if (!record.awaiting?.includes(prerequisite.id)) return undefined
  if (record.state !== 'blocked' && !failedByDependency(record)) return undefined
  const dependencies = { ...record.dependencies, [prerequisite.ref ?? prerequisite.id]: prerequisite.result }
  return releaseIfDone({ ...record, awaiting: without(record.awaiting, prerequisite.id), dependencies }, now)
}

/**
 * The prerequisite failed for good, was canceled (`how`) or removed: a blocked dependent fails
 * with `DependencyFailedError` naming it, or, with `onDependencyFailure: 'continue'`, stops
 * waiting for it (no result under its ref) until a rerun of it (see `prerequisiteRerun`). A
 * dependent failed already notes it as one more cause.
 */
export function prerequisiteFailed(record: JobRecord, prerequisite: JobRecord, how: 'failed' | 'canceled' | 'removed', now: number): JobRecord | undefined {
  if (!record.awaiting?.includes(prerequisite.id)) return undefined
  const failedPrerequisites = [...without(record.failedPrerequisites, prerequisite.id), prerequisite.id]
  if (failedByDependency(record)) return { ...record, failedPrerequisites }
  if (record.state !== 'blocked') return undefined
  if (record.onDependencyFailure === 'continue') return releaseIfDone({ ...record, awaiting: without(record.awaiting, prerequisite.id) }, now)
  const error: ErrorData = {
    name: 'DependencyFailedError',
    message: `Prerequisite "${prerequisite.ref ?? prerequisite.id}" (job ${prerequisite.id}) ${how === 'failed' ? 'failed' : `was ${how}`}`,
    attempt: record.attempts,
    at: now,
  }
  return { ...settle(record, now), state: 'failed', error, errors: [...record.errors, error], failedAt: now, failedPrerequisites }
}

/**
 * A `'continue'` dependent that stopped waiting for this prerequisite when it failed, and has
 * not started: still blocked by others (`blocked`), or released but not yet claimed (`pending`).
 * Only a failure drops a prerequisite from `awaiting` without leaving its result under its ref,
 * so that is how it is told apart from one that completed.
 */
function gaveUpOn(record: JobRecord, prerequisite: JobRecord, states: 'blocked' | 'pending' = 'blocked'): boolean {
  const inState = states === 'blocked' ? record.state === 'blocked' : record.state === 'waiting' || record.state === 'delayed'
  return inState && record.onDependencyFailure === 'continue' &&
    (record.dependsOn?.includes(prerequisite.id) ?? false) && !record.awaiting?.includes(prerequisite.id) &&
    !Object.hasOwn(record.dependencies ?? {}, prerequisite.ref ?? prerequisite.id)
}

/**
 * A failed or canceled prerequisite was rerun: a dependent that it failed is `blocked` again,
 * with a fresh attempt budget, once no other prerequisite's failure holds it. A `'continue'`
 * dependent that is still blocked waits for it again, so that its result reaches
 * `ctx.dependencies` if the rerun completes; one already released has gone on without it and
 * is not held back (it may be running).
 */
export function prerequisiteRerun(record: JobRecord, prerequisite: JobRecord, now: number): JobRecord | undefined {
  if (gaveUpOn(record, prerequisite)) return { ...record, awaiting: [...(record.awaiting ?? []), prerequisite.id] }
  if (!failedByDependency(record) || !record.failedPrerequisites!.includes(prerequisite.id)) return undefined
  const failedPrerequisites = without(record.failedPrerequisites, prerequisite.id)
  if (failedPrerequisites.length) return { ...record, failedPrerequisites }
  return { ...rerun(record, now), state: 'blocked' }
}
