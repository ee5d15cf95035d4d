import { timeoutMessage, toErrorData } from '../job/error-data.js'
import type { RunOutcome } from '../runners/protocol.js'
import { cancel, complete, defer, fail } from '../job/transitions.js'
import type { JobRecord } from '../job/record.js'
import type { SchedulerEmit } from './scheduler-events.js'

/** Why an attempt's signal fired, if it did. */
export type AbortReason = 'cancel' | 'timeout' | 'stop' | 'lost' | undefined

/**
 * The transition that settles an attempt. The abort reason wins over what the handler
 * returned: a canceled job is canceled, a timed-out one failed with `TimeoutError`, a stopped
 * one deferred, even if the handler returned normally after its signal fired.
 */
export function outcomeTransition(reason: AbortReason, outcome: RunOutcome, now: number): (record: JobRecord) => JobRecord {
  if (reason === 'stop') return (r) => defer(r, now)
  if (reason === 'cancel') return (r) => cancel(r, now)
  if (outcome.ok && reason !== 'timeout') return (r) => complete(r, outcome.result, now)
  return (r) => {
    const shape = reason === 'timeout'
      ? (outcome.ok || outcome.error.name !== 'TimeoutError' ? { name: 'TimeoutError', message: timeoutMessage(r.attempts, r.timeout) } : outcome.error)
      : (outcome as Extract<RunOutcome, { ok: false }>).error
    return fail(r, toErrorData(shape, r.attempts, now), now, !outcome.ok && outcome.final === true)
  }
}

/** Emits what a committed settle means to listeners. */
export function settleEvents(
  after: JobRecord,
  outcome: RunOutcome,
  reason: AbortReason,
  emit: SchedulerEmit,
): void {
  if (reason === 'stop') return
  if (after.state === 'completed') emit('completed', { record: after, result: outcome.ok ? outcome.result : undefined })
  else if (after.state === 'canceled') emit('canceled', { record: after })
  else if (after.error) {
    const willRetry = after.state !== 'failed'
    emit('failed', { record: after, error: after.error, willRetry })
    if (willRetry) emit('retrying', { record: after, error: after.error, runAt: after.runAt })
  }
}
