// The types of ordering keys, rate limits and duplicates.
import { createQueue, memoryStorage, RateLimitError, type BlockedKey, type DuplicateAction, type Queue } from 'docket'
import { RateLimitError as WorkerRateLimitError } from 'docket/worker'
import { describe, expectTypeOf, it } from 'vitest'
import type { Jobs } from './support/jobs.worker'

declare const queue: Queue<Jobs>

describe('order and pace types', () => {
  it('takes orderingKey and onDuplicate on add, rateLimit per named queue', () => {
    void queue.add('double', { n: 1 }, { orderingKey: 'doc:1', unique: { key: 'k', scope: 'waiting', onDuplicate: 'replace' } })
    // @ts-expect-error: not a way to handle a duplicate
    void queue.add('double', { n: 1 }, { unique: { onDuplicate: 'merge' } })
    // @ts-expect-error: a key is a string
    void queue.add('double', { n: 1 }, { orderingKey: 1 })
    createQueue<Jobs>({ handlers: {} as Jobs, storage: memoryStorage(), queues: { api: { rateLimit: { max: 5, duration: 1000 } } } })
    createQueue<Jobs>({ handlers: {} as Jobs, storage: memoryStorage(), queues: { api: { rateLimit: { max: 5, duration: 1000, startWithin: 50 } } } })
    // @ts-expect-error: `max` is required
    createQueue<Jobs>({ handlers: {} as Jobs, queues: { api: { rateLimit: { duration: 1000 } } } })
  })

  it('types blockedKeys and the events of keys and duplicates', () => {
    expectTypeOf(queue.blockedKeys()).toEqualTypeOf<Promise<BlockedKey[]>>()
    expectTypeOf<BlockedKey>().toEqualTypeOf<{ key: string; jobId: string }>()
    queue.on('keyBlocked', ({ key, job }) => {
      expectTypeOf(key).toEqualTypeOf<string>()
      expectTypeOf(job.id).toEqualTypeOf<string>()
    })
    queue.on('keyUnblocked', ({ key, id }) => expectTypeOf([key, id]).toEqualTypeOf<string[]>())
    queue.on('duplicate', ({ action }) => expectTypeOf(action).toEqualTypeOf<DuplicateAction>())
    expectTypeOf<DuplicateAction>().toEqualTypeOf<'kept' | 'replaced' | 'moved'>()
  })

  it('exports one RateLimitError from both entries', () => {
    expectTypeOf(WorkerRateLimitError).toEqualTypeOf(RateLimitError)
    expectTypeOf(new RateLimitError(1000).retryAfter).toEqualTypeOf<number>()
  })
})
