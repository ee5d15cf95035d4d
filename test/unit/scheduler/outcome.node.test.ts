import { describe, expect, it } from 'vitest'
import type { JobRecord } from '../../../src/job/record.js'
import type { RunOutcome } from '../../../src/runners/protocol.js'
import type { AbortReason } from '../../../src/scheduler/entry.js'
import { outcomeTransition, settleEvents } from '../../../src/scheduler/outcome.js'
import type { SchedulerEvents } from '../../../src/scheduler/scheduler-events.js'

// Far from the real clock: a transition that read Date.now() instead of `now` would show.
const STARTED = 1_000_000
const NOW = 1_004_000

/** The fields of the running job that survive its lease. */
const unleased = {
  id: 'job-1', name: 'send', queue: 'default', data: { n: 1 }, state: 'active', priority: 2, rank: -2,
  progress: 40, errors: [], attempts: 1, maxAttempts: 3, backoff: { type: 'fixed', delay: 1000 }, timeout: 500,
  requiresNetwork: false, createdAt: 900_000, runAt: 900_000, startedAt: STARTED,
} satisfies JobRecord

/** The job in its first of three attempts, as the claim stored it. */
const running: JobRecord = { ...unleased, owner: 'owner-a', leaseUntil: STARTED + 30_000, token: 'token-1' }

const ok: RunOutcome = { ok: true, result: { sent: 3 } }
const threw: RunOutcome = { ok: false, error: { name: 'Error', message: 'boom', stack: 'Error: boom\n    at send' }, aborted: false }
const aborted: RunOutcome = { ok: false, error: { name: 'AbortError', message: 'aborted' }, aborted: true }
const ownTimeout: RunOutcome = { ok: false, error: { name: 'TimeoutError', message: 'gave up at 480 ms' }, aborted: true }
const noHandler: RunOutcome = { ok: false, error: { name: 'UnknownJobError', message: 'No handler for "send"' }, final: true }

const boom = { name: 'Error', message: 'boom', stack: 'Error: boom\n    at send', attempt: 1, at: NOW }
const timedOut = { name: 'TimeoutError', message: 'Attempt 1 exceeded its timeout of 500 ms', attempt: 1, at: NOW }
const settled = { settledAt: NOW, duration: NOW - STARTED }

type Emitted = Array<[keyof SchedulerEvents, unknown]>

/** Settles `record` as the scheduler does, and what it emits once the settle is committed. */
function settle(reason: AbortReason | undefined, outcome: RunOutcome, record = running): { after?: JobRecord; events: Emitted } {
  const transition = outcomeTransition(reason, outcome, NOW)
  if (!transition) return { events: [] }
  const after = transition(record)
  const events: Emitted = []
  settleEvents(after, outcome, reason, (event, payload) => events.push([event, payload]))
  return { after, events }
}

describe('outcomeTransition and settleEvents', () => {
  it('completes a job whose handler returned', () => {
    const after = { ...unleased, ...settled, state: 'completed', result: { sent: 3 }, completedAt: NOW }
    expect(settle(undefined, ok)).toStrictEqual({ after, events: [['completed', { record: after, result: { sent: 3 } }]] })
  })

  it('schedules the next attempt after the backoff of a failure with attempts left', () => {
    const after = { ...unleased, state: 'delayed', runAt: NOW + 1000, error: boom, errors: [boom], duration: NOW - STARTED }
    expect(settle(undefined, threw)).toStrictEqual({
      after,
      events: [
        ['failed', { record: after, error: boom, willRetry: true }],
        ['retrying', { record: after, error: boom, runAt: NOW + 1000 }],
      ],
    })
  })

  it('fails for good on the last attempt', () => {
    const lastAttempt = { ...running, attempts: 3 }
    const error = { ...boom, attempt: 3 }
    const after = { ...unleased, ...settled, attempts: 3, state: 'failed', error, errors: [error], failedAt: NOW }
    expect(settle(undefined, threw, lastAttempt)).toStrictEqual({ after, events: [['failed', { record: after, error, willRetry: false }]] })
  })

  it('fails for good on a final failure, attempts left or not', () => {
    const error = { name: 'UnknownJobError', message: 'No handler for "send"', attempt: 1, at: NOW }
    const after = { ...unleased, ...settled, state: 'failed', error, errors: [error], failedAt: NOW }
    expect(settle(undefined, noHandler)).toStrictEqual({ after, events: [['failed', { record: after, error, willRetry: false }]] })
  })

  it('fails for good when the handler threw UnrecoverableError, known by its name as it crossed the thread', () => {
    const unrecoverable: RunOutcome = { ok: false, error: { name: 'UnrecoverableError', message: 'gone' }, aborted: false }
    const error = { name: 'UnrecoverableError', message: 'gone', attempt: 1, at: NOW }
    const after = { ...unleased, ...settled, state: 'failed', error, errors: [error], failedAt: NOW }
    expect(settle(undefined, unrecoverable)).toStrictEqual({ after, events: [['failed', { record: after, error, willRetry: false }]] })
  })

  it('lets a timeout that fired first decide: an UnrecoverableError thrown after it is retried as a TimeoutError', () => {
    const late: RunOutcome = { ok: false, error: { name: 'UnrecoverableError', message: 'gone' }, aborted: true }
    expect(settle('timeout', late).after).toMatchObject({ state: 'delayed', error: timedOut })
  })

  it('fails a discarded job for good, attempts left or not', () => {
    const after = { ...unleased, ...settled, discarded: true, state: 'failed', error: boom, errors: [boom], failedAt: NOW }
    expect(settle(undefined, threw, { ...running, discarded: true })).toStrictEqual({
      after,
      events: [['failed', { record: after, error: boom, willRetry: false }]],
    })
  })

  it.each([
    ['returned', ok],
    ['threw', threw],
  ])('cancels a canceled job whatever its handler %s', (_what, outcome) => {
    const after = { ...unleased, ...settled, state: 'canceled', canceledAt: NOW }
    expect(settle('cancel', outcome)).toStrictEqual({ after, events: [['canceled', { record: after }]] })
  })

  it.each([
    ['returned after the signal fired', ok],
    ['threw an error of its own', aborted],
  ])('fails a timed-out attempt with TimeoutError when its handler %s', (_what, outcome) => {
    const after = { ...unleased, state: 'delayed', runAt: NOW + 1000, error: timedOut, errors: [timedOut], duration: NOW - STARTED }
    expect(settle('timeout', outcome)).toStrictEqual({
      after,
      events: [
        ['failed', { record: after, error: timedOut, willRetry: true }],
        ['retrying', { record: after, error: timedOut, runAt: NOW + 1000 }],
      ],
    })
  })

  it('keeps the TimeoutError a timed-out handler threw itself', () => {
    const error = { name: 'TimeoutError', message: 'gave up at 480 ms', attempt: 1, at: NOW }
    const after = { ...unleased, state: 'delayed', runAt: NOW + 1000, error, errors: [error], duration: NOW - STARTED }
    expect(settle('timeout', ownTimeout).after).toStrictEqual(after)
  })

  it('fails a timed-out attempt for good when its attempts are spent', () => {
    const error = { ...timedOut, message: 'Attempt 3 exceeded its timeout of 500 ms', attempt: 3 }
    const after = { ...unleased, ...settled, attempts: 3, state: 'failed', error, errors: [error], failedAt: NOW }
    expect(settle('timeout', ok, { ...running, attempts: 3 })).toStrictEqual({ after, events: [['failed', { record: after, error, willRetry: false }]] })
  })

  it.each([
    ['returned', ok],
    ['threw', threw],
  ])('defers a stopped attempt, uncounted and silent, whatever its handler %s', (_what, outcome) => {
    // An error of an earlier attempt stays on the record: stop must say nothing of it.
    const earlier = { ...boom, at: STARTED - 5000 }
    const after = { ...unleased, attempts: 1, runAt: NOW, state: 'waiting', error: earlier, errors: [earlier] }
    expect(settle('stop', outcome, { ...running, attempts: 2, error: earlier, errors: [earlier] })).toStrictEqual({ after, events: [] })
  })

  it.each([
    ['returned', ok],
    ['threw', threw],
  ])('writes nothing for an attempt whose lease was lost, whatever its handler %s', (_what, outcome) => {
    expect(outcomeTransition('lost', outcome, NOW)).toBeUndefined()
  })

  it('says nothing of a committed record for a lost lease', () => {
    const events: Emitted = []
    const canceled = { ...unleased, ...settled, state: 'canceled', canceledAt: NOW } satisfies JobRecord
    settleEvents(canceled, ok, 'lost', (event, payload) => events.push([event, payload]))
    expect(events).toEqual([])
  })
})
