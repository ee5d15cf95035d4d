// The arithmetic that makes a rate limit hold at the handlers' starts (issue 30, defect 7):
// claims spaced by `duration + startWithin`, each start no later than its claim + `startWithin`.
import { describe, expect, it } from 'vitest'
import { DEFAULTS } from '../../../src/defaults.js'
import type { JobRecord } from '../../../src/job/record.js'
import { executeJob } from '../../../src/runners/execute-job.js'
import type { RunOutcome, RunRequest } from '../../../src/runners/protocol.js'
import { claimLimit } from '../../../src/scheduler/claim-limit.js'
import { outcomeTransition, settleEvents } from '../../../src/scheduler/outcome.js'
import { createPacing } from '../../../src/scheduler/pacing.js'
import { claimSpacing, startDeadline } from '../../../src/scheduler/rate-limit.js'
import { createPace, noPace } from '../../../src/storage/pace.js'

const NOW = 1_004_000
const running: JobRecord = {
  id: 'job-1', name: 'push', queue: 'api', data: null, state: 'active', priority: 0, rank: 0, progress: 0, errors: [],
  attempts: 3, maxAttempts: 3, backoff: { type: 'fixed', delay: 10 }, requiresNetwork: false, createdAt: 1, runAt: 1,
  startedAt: NOW - 150, owner: 'o', leaseUntil: NOW + 1000, token: 't',
}
const late: RunOutcome = { ok: false, late: true, error: { name: 'LateStartError', message: 'late' } }

describe('claim spacing and start deadlines', () => {
  it('spaces claims by the window plus the start allowance, the default one unless given', () => {
    expect(claimSpacing({ api: { max: 3, duration: 400 }, mail: { max: 1, duration: 50, startWithin: 0 } })).toEqual({
      api: { max: 3, duration: 400 + DEFAULTS.rateLimitStartWithin },
      mail: { max: 1, duration: 50 },
    })
  })

  it('gives a job of a limited queue a deadline of its claim + startWithin, and none to others', () => {
    const limits = { api: { max: 3, duration: 400, startWithin: 20 } }
    expect(startDeadline('api', NOW, limits)).toBe(NOW + 20)
    expect(startDeadline('other', NOW, limits)).toBeUndefined()
    expect(startDeadline('api', NOW, { api: { max: 3, duration: 400 } })).toBe(NOW + DEFAULTS.rateLimitStartWithin)
  })

  it('keeps any two starts `max` apart at least `duration` apart, however late each is within its allowance', () => {
    const limit = { max: 2, duration: 400, startWithin: 60 }
    let stored = noPace()
    const claims: number[] = []
    // Claims as often as the stored log lets them, every 10 ms.
    for (let at = 0; at < 3000; at += 10) {
      const pace = createPace(stored, at, claimSpacing({ api: limit }))
      if (pace.openAt('api') > at) continue
      pace.take('api')
      claims.push(at)
      stored = pace.next().state
    }
    // The worst case: each job starts as late as allowed, then as early, in turn.
    const starts = claims.map((at, i) => (i % 2 === 0 ? at + limit.startWithin : at))
    for (let i = limit.max; i < starts.length; i++) expect(starts[i]! - starts[i - limit.max]!).toBeGreaterThanOrEqual(limit.duration)
  })

  it('claims no jobs ahead in a context with a rate limit, backlog or not', () => {
    expect(claimLimit({ running: true, due: 'more', concurrency: 4, prefetch: 32, holding: 1, paced: true })).toBe(3)
    expect(claimLimit({ running: true, due: 'more', concurrency: 4, prefetch: 32, holding: 1, paced: false })).toBe(35)
    expect(createPacing({}).paced).toBe(false)
    expect(createPacing({ api: { max: 1, duration: 1 } }).paced).toBe(true)
  })

  it('takes the holds asked for since the last claim, and keeps them if the claim fails', () => {
    const pacing = createPacing({ api: { max: 1, duration: 100, startWithin: 5 } })
    pacing.hold('api', NOW + 10)
    pacing.hold('api', NOW + 5)
    const taken = pacing.take()
    expect(taken).toEqual({ rateLimits: { api: { max: 1, duration: 105 } }, holds: { api: NOW + 10 } })
    expect(pacing.take().holds).toEqual({})
    pacing.restore(taken.holds)
    expect(pacing.take().holds).toEqual({ api: NOW + 10 })
  })
})

describe('a start past its deadline', () => {
  const request: RunRequest = { id: 'job-1', name: 'push', queue: 'api', data: null, attempt: 1, maxAttempts: 3 }
  const hooks = { progress: () => undefined, log: async () => undefined, step: async () => undefined }

  it('does not call the handler, in the handler thread, once the deadline has passed', async () => {
    let calls = 0
    const handlers = { push: () => ++calls }
    const signal = new AbortController().signal
    expect(await executeJob(handlers, { ...request, startBy: Date.now() - 1 }, hooks, signal)).toMatchObject({ ok: false, late: true })
    expect(calls).toBe(0)
    expect(await executeJob(handlers, { ...request, startBy: Date.now() + 60_000 }, hooks, signal)).toEqual({ ok: true, result: 1 })
    expect(await executeJob(handlers, request, hooks, signal)).toEqual({ ok: true, result: 2 })
  })

  it('puts the job back to waiting, its attempt unspent, even its last, with only `updated` said', () => {
    const after = outcomeTransition(undefined, late, NOW)!(running)
    expect(after).toMatchObject({ state: 'waiting', runAt: NOW, attempts: 2, errors: [] })
    expect(after).not.toHaveProperty('token')
    expect(after).not.toHaveProperty('error')
    const events: string[] = []
    settleEvents(after, late, undefined, (event) => events.push(event))
    expect(events).toEqual(['updated'])
  })

  it('yields to cancel and stop; a timeout cannot fail a handler that never ran', () => {
    expect(outcomeTransition('cancel', late, NOW)!(running).state).toBe('canceled')
    expect(outcomeTransition('stop', late, NOW)!(running)).toMatchObject({ state: 'waiting', attempts: 2 })
    expect(outcomeTransition('timeout', late, NOW)!(running)).toMatchObject({ state: 'waiting', attempts: 2 })
  })
})
