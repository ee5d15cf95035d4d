// The pure parts of the outbox: what a status means, how Retry-After reads, and that a
// failure's `retryAfter` is the least wait of the retry transition.
import { describe, expect, it } from 'vitest'
import { classify, HttpError, retryAfterMs } from '../../../src/outbox/http-error'
import { toErrorData, fromErrorData } from '../../../src/job/error-data'
import { fail } from '../../../src/job/transitions'
import { activeRecord } from '../job/job-record'

describe('classify', () => {
  it.each([
    [200, 'delivered'], [201, 'delivered'], [204, 'delivered'], [0, 'delivered'], [302, 'delivered'], [304, 'delivered'],
    [408, 'retry'], [425, 'retry'], [429, 'retry'], [500, 'retry'], [502, 'retry'], [503, 'retry'], [599, 'retry'],
    [400, 'rejected'], [401, 'rejected'], [403, 'rejected'], [404, 'rejected'], [409, 'rejected'], [410, 'rejected'], [422, 'rejected'], [451, 'rejected'],
  ] as const)('%i: %s', (status, verdict) => {
    expect(classify(status)).toBe(verdict)
  })
})

describe('retryAfterMs', () => {
  const now = Date.UTC(2026, 10, 29, 12, 0, 0)
  it('reads seconds and HTTP dates, relative to now; anything else is no wait', () => {
    expect(retryAfterMs('120', now)).toBe(120_000)
    expect(retryAfterMs(' 0 ', now)).toBe(0)
    expect(retryAfterMs('Sun, 29 Nov 2026 12:00:30 GMT', now)).toBe(30_000)
    expect(retryAfterMs('Sun, 29 Nov 2026 11:59:00 GMT', now)).toBe(0)
    expect(retryAfterMs('soon', now)).toBeUndefined()
    expect(retryAfterMs('-5', now)).toBeUndefined()
    expect(retryAfterMs(null, now)).toBeUndefined()
  })
})

describe('an error that carries retryAfter and a response', () => {
  const response = { status: 429, statusText: 'Too Many Requests', headers: {}, body: new ArrayBuffer(2) }

  it('keeps both through the stored error and the rebuilt one', () => {
    const data = toErrorData(new HttpError('POST /x answered 429', response, 5000), 1, 10)
    expect([data.name, data.retryAfter, (data.response as typeof response).status]).toEqual(['HttpError', 5000, 429])
    expect(structuredClone(data)).toEqual(data)
    const rebuilt = fromErrorData(data) as Error & { response?: typeof response }
    expect([rebuilt.name, rebuilt.response?.status]).toEqual(['HttpError', 429])
  })

  it('waits at least retryAfter before the next attempt, or the backoff when it is longer', () => {
    const record = activeRecord(0, { backoff: { type: 'fixed', delay: 1000, jitter: 0 } })
    const failAt = (retryAfter?: number) => fail(record, { name: 'HttpError', message: 'x', attempt: 1, at: 100, ...(retryAfter ? { retryAfter } : {}) }, 100).runAt
    expect(failAt()).toBe(1100)
    expect(failAt(5000)).toBe(5100)
    expect(failAt(500)).toBe(1100)
  })
})
