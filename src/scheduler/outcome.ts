import { timeoutMessage, toErrorData } from '../job/error-data.js'
import type { ErrorShape, RunOutcome } from '../runners/protocol.js'
import { cancel, complete, defer, fail, rateLimited } from '../job/transitions.js'
import type { JobRecord } from '../job/record.js'
import { sleep } from '../job/step-transitions.js'
import type { AbortReason } from './entry.js'
import type { SchedulerEmit } from './scheduler-events.js'

/**
 * How an attempt settles, decided from why its signal fired and what its handler returned.
 * Pure: the clock is passed in, and the transition runs inside the storage's transaction.
 * @module
 */

/**
 * The transition that settles an attempt. The abort reason wins over what the handler
 * returned: a canceled job is canceled, a timed-out one failed with `TimeoutError`, a stopped
 * one deferred, even if the handler returned normally after its signal fired; a run that ended
 * in `ctx.sleep` sleeps (its stop defers it until its wake time). A job whose lease was lost
 * belongs to another context now: there is nothing to write (`undefined`).
 */
export function outcomeTransition(
  reason: AbortReason | undefined,
  outcome: RunOutcome,
  now: number,
): ((record: JobRecord) => JobRecord) | undefined {
  if (reason === 'lost') return undefined
  const slept = sleepOf(outcome)
  if (slept && (reason === undefined || reason === 'stop')) return (record) => sleep(record, now, slept.name, now + slept.ms)
  if (reason === 'stop') return (record) => defer(record, now)
  if (reason === 'cancel') return (record) => cancel(record, now)
  // The handler never ran: no attempt to count, nothing to report (not even a timeout).
  if (!outcome.ok && outcome.late) return (record) => defer(record, now)
  if (outcome.ok && reason !== 'timeout') return (record) => complete(record, outcome.result, now)
  const hold = reason === undefined ? rateLimitHold(outcome) : undefined
  if (hold !== undefined) return (record) => rateLimited(record, now, now + hold)
  return (record) => {
    const error = failure(reason, outcome, record)
    const final = (!outcome.ok && outcome.final === true) || isUnrecoverable(error)
    return fail(record, toErrorData(error, record.attempts, now), now, final)
  }
}

/**
 * Whether the handler threw `UnrecoverableError`. By name, not `instanceof`: the error crossed
 * a thread as data, and a worker bundle has its own copy of the class.
 */
function isUnrecoverable(error: ErrorShape): boolean {
  return error.name === 'UnrecoverableError'
}

/** The sleep a run ended in, if it did. */
export function sleepOf(outcome: RunOutcome): { name: string; ms: number } | undefined {
  return outcome.ok ? undefined : outcome.sleep
}

/** The ms a handler's `RateLimitError` holds its queue, if it threw one. */
export function rateLimitHold(outcome: RunOutcome): number | undefined {
  return !outcome.ok && outcome.error.name === 'RateLimitError' && !outcome.final ? (outcome.error.retryAfter ?? 0) : undefined
}

/** The error of a failed attempt: past its timeout it is a `TimeoutError`, the handler's own if it threw one. */
function failure(reason: AbortReason | undefined, outcome: RunOutcome, record: JobRecord): ErrorShape {
  if (!outcome.ok && (reason !== 'timeout' || outcome.error.name === 'TimeoutError')) return outcome.error
  return { name: 'TimeoutError', message: timeoutMessage(record.attempts, record.timeout) }
}

/**
 * Emits what a committed settle means to listeners. A stopped attempt was only deferred and
 * a lost one settles elsewhere: neither says anything here.
 */
export function settleEvents(
  after: JobRecord,
  outcome: RunOutcome,
  reason: AbortReason | undefined,
  emit: SchedulerEmit,
): void {
  if (reason === 'lost') return
  // The sleep is stored as a step: said as one, which refreshes handles (now `delayed`) too.
  const slept = sleepOf(outcome)
  if (slept && after.steps?.some((step) => step.name === slept.name)) return emit('step', { record: after, name: slept.name })
  if (reason === 'stop') return
  // Put back by a rate limit, or too late for it: no public event, but handles here and elsewhere refresh.
  if (!outcome.ok && outcome.late) return emit('updated', { record: after })
  if (reason === undefined && rateLimitHold(outcome) !== undefined) return emit('updated', { record: after })
  if (after.state === 'completed') emit('completed', { record: after, result: outcome.ok ? outcome.result : undefined })
  else if (after.state === 'canceled') emit('canceled', { record: after })
  else if (after.error) {
    const willRetry = after.state !== 'failed'
    emit('failed', { record: after, error: after.error, willRetry })
    if (willRetry) emit('retrying', { record: after, error: after.error, runAt: after.runAt })
  }
}
