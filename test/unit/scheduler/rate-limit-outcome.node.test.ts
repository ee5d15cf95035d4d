import { describe, expect, it } from 'vitest'
import { RateLimitError } from '../../../src/errors.js'
import { toErrorShape } from '../../../src/job/error-data.js'
import type { JobRecord } from '../../../src/job/record.js'
import type { RunOutcome } from '../../../src/runners/protocol.js'
import { outcomeTransition, rateLimitHold, settleEvents } from '../../../src/scheduler/outcome.js'

const NOW = 1_004_000
const running: JobRecord = {
  id: 'job-1', name: 'push', queue: 'api', data: null, state: 'active', priority: 0, rank: 0, progress: 0, errors: [],
  attempts: 2, maxAttempts: 2, backoff: { type: 'fixed', delay: 10 }, requiresNetwork: false, createdAt: 1, runAt: 1,
  startedAt: NOW - 50, owner: 'o', leaseUntil: NOW + 1000, token: 't',
}
const limited: RunOutcome = { ok: false, error: toErrorShape(new RateLimitError(750)) }

describe('a RateLimitError outcome', () => {
  it('crosses the thread with its hold, and is not stored as an error', () => {
    expect(limited).toMatchObject({ error: { name: 'RateLimitError', retryAfter: 750 } })
    expect(rateLimitHold(limited)).toBe(750)
    expect(rateLimitHold({ ok: false, error: { name: 'Error', message: 'x' } })).toBeUndefined()
  })

  it('puts the job back until the hold ends, giving back the attempt, even its last one', () => {
    const after = outcomeTransition(undefined, limited, NOW)!(running)
    expect(after).toMatchObject({ state: 'delayed', runAt: NOW + 750, attempts: 1, errors: [] })
    expect(after).not.toHaveProperty('token')
    expect(after).not.toHaveProperty('error')
  })

  it('yields to cancel, stop and timeout, as any outcome does', () => {
    expect(outcomeTransition('cancel', limited, NOW)!(running).state).toBe('canceled')
    expect(outcomeTransition('timeout', limited, NOW)!(running)).toMatchObject({ state: 'failed', error: { name: 'TimeoutError' } })
    expect(outcomeTransition('stop', limited, NOW)!(running)).toMatchObject({ state: 'waiting', attempts: 1 })
  })

  it('emits only `updated`, so that handles refresh without a failure being reported', () => {
    const events: string[] = []
    settleEvents(outcomeTransition(undefined, limited, NOW)!(running), limited, undefined, (event) => events.push(event))
    expect(events).toEqual(['updated'])
  })
})
