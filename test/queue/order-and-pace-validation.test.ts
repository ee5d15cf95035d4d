// Bad options of ordering keys, rate limits and duplicates: a ValidationError that names the
// option, what was expected and what arrived; nothing is stored.
import { createQueue, memoryStorage, RateLimitError, ValidationError, type JobOptions, type Queue } from 'docket'
import { describe, expect, it } from 'vitest'
import { jobs } from '../support/jobs'
import { queueFixture } from '../support/queue-fixture'

type Untyped = Queue<Record<string, (data: unknown) => unknown>>

describe('order and pace: bad input', () => {
  const fixture = queueFixture('inline')

  it.each([
    ['an empty orderingKey', { orderingKey: '' }, 'Expected `orderingKey` to be a non-empty string, got ""'],
    ['a numeric orderingKey', { orderingKey: 7 }, 'Expected `orderingKey` to be a non-empty string, got 7'],
    ['an unknown onDuplicate', { unique: { key: 'k', onDuplicate: 'merge' } }, "Expected `unique.onDuplicate` to be 'ignore', 'replace' or 'debounce', got \"merge\""],
  ])('add with %s is refused', async (_label, options, message) => {
    const queue = (await fixture.open({ autostart: false })) as unknown as Untyped
    const error = await queue.add('double', { n: 1 }, options as JobOptions).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as Error).message).toBe(message)
    expect(await queue.counts()).toMatchObject({ waiting: 0 })
  })

  it.each([
    ['no max', { duration: 1000 }, 'Expected `queues.api.rateLimit.max` to be an integer >= 1, got undefined'],
    ['a max of 0', { max: 0, duration: 1000 }, 'Expected `queues.api.rateLimit.max` to be an integer >= 1, got 0'],
    ['a fractional max', { max: 1.5, duration: 1000 }, 'Expected `queues.api.rateLimit.max` to be an integer >= 1, got 1.5'],
    ['a zero duration', { max: 5, duration: 0 }, 'Expected `queues.api.rateLimit.duration` to be a finite number of ms in 1..2147483647 (the timer limit, ≈ 24.8 days), got 0'],
    ['an unknown field', { max: 5, duration: 1000, burst: 2 }, 'Expected `queues.api.rateLimit` to be only `max`, `duration` and `startWithin`, got "burst"'],
    ['a number', 5, 'Expected `queues.api.rateLimit` to be an object, got 5'],
    ['a negative startWithin', { max: 5, duration: 1000, startWithin: -1 }, 'Expected `queues.api.rateLimit.startWithin` to be a finite number of ms in 0..2147483647 (the timer limit, ≈ 24.8 days), got -1'],
  ])('createQueue with a rate limit of %s throws synchronously', (_label, rateLimit, message) => {
    const make = () => createQueue({ handlers: jobs, storage: memoryStorage(), autostart: false, queues: { api: { rateLimit: rateLimit as never } } })
    expect(make).toThrow(ValidationError)
    expect(make).toThrow(message)
  })

  it('RateLimitError wants a finite number of ms >= 0, and carries it', () => {
    expect(new RateLimitError(250)).toMatchObject({ name: 'RateLimitError', retryAfter: 250 })
    expect(() => new RateLimitError(-1)).toThrow('Expected `retryAfter` to be a finite number >= 0, got -1')
    expect(() => new RateLimitError(Number.NaN)).toThrow(ValidationError)
  })
})
