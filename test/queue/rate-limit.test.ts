// Rate limits and RateLimitError through real queues: three (or two) queues on one database
// stand for tabs. The clock is frozen and moved by the test, so the windows are exact: a start
// is stamped with its claim's time (`startedAt`, as the clock is frozen), and no step must
// finish within any wall-clock window.
import { createQueue, RateLimitError, type Queue } from 'docket'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { testClock } from '../support/test-clock'
import { testDatabase, type TestDatabase } from '../support/test-database'

const clock = testClock()
let db: TestDatabase
const queues: Array<Queue<typeof handlers>> = []
let limitedOnce = new Set<string>()

const handlers = {
  call(data: { n: number }): number {
    return data.n
  },
  /** Says "429: retry after 1000 ms" the first time it runs a job, then answers. */
  limited(data: { n: number }, ctx: { id: string; attempt: number }): { n: number; attempt: number } {
    if (!limitedOnce.has(ctx.id)) {
      limitedOnce.add(ctx.id)
      throw new RateLimitError(1000)
    }
    return { n: data.n, attempt: ctx.attempt }
  },
}

beforeEach(async () => {
  db = await testDatabase()
  limitedOnce = new Set()
  clock.freeze()
})
afterEach(async () => {
  await Promise.all(queues.splice(0).map((queue) => queue.close()))
  clock.restore()
})

function tab(): Queue<typeof handlers> {
  // `startWithin: 0`: with the clock frozen, an inline handler starts at its claim's time
  // exactly, so claims need no more spacing than the window itself.
  const queue = createQueue({ handlers, storage: db.storage(), concurrency: 10, queues: { api: { rateLimit: { max: 5, duration: 500, startWithin: 0 } } } })
  queues.push(queue)
  return queue
}

/** Wakes every tab (a started queue looks for due jobs) and waits until each is idle. */
async function settle(tabs: Array<Queue<typeof handlers>>): Promise<void> {
  await Promise.all(tabs.map((queue) => queue.start()))
  await Promise.all(tabs.map((queue) => queue.whenIdle()))
}

it('starts at most 5 jobs per 500 ms of a queue across 3 tabs, and the rest as windows open', async () => {
  const tabs = [tab(), tab(), tab()]
  const t0 = Date.now()
  const jobs = (await Promise.all(tabs.map((queue, i) => Promise.all(Array.from({ length: 4 }, (_, n) => queue.add('call', { n: i * 4 + n }, { queue: 'api' })))))).flat()
  const free = await tabs[1]!.add('call', { n: 99 })
  expect(await free.waitForResult()).toBe(99)
  await settle(tabs)
  const counts = async () => (await tabs[0]!.counts({ queue: 'api' }))
  expect(await counts()).toMatchObject({ completed: 5, waiting: 7 })

  clock.advance(499)
  await settle(tabs)
  expect(await counts()).toMatchObject({ completed: 5, waiting: 7 })
  clock.advance(1)
  await settle(tabs)
  expect(await counts()).toMatchObject({ completed: 10, waiting: 2 })
  clock.advance(500)
  await settle(tabs)
  expect(await counts()).toMatchObject({ completed: 12, waiting: 0 })
  await Promise.all(jobs.map((job) => job.waitForResult()))

  const apiStarts = (await tabs[2]!.list({ queue: 'api', limit: 100 })).map((job) => job.startedAt! - t0).sort((a, b) => a - b)
  expect(apiStarts).toEqual([0, 0, 0, 0, 0, 500, 500, 500, 500, 500, 1000, 1000])
  for (const start of apiStarts) expect(apiStarts.filter((other) => other >= start && other < start + 500).length).toBeLessThanOrEqual(5)
})

it('puts a job back without spending an attempt on RateLimitError, and holds its queue in the other tab too', async () => {
  const [a, b] = [tab(), tab()]
  const limited = await a.add('limited', { n: 1 }, { queue: 'mail', attempts: 1 })
  await settle([a, b])
  expect(await limited.refresh()).toMatchObject({ state: 'delayed', attempts: 0, errors: [] })
  expect(limited.runAt).toBe(Date.now() + 1000)

  // The other tab adds to the same queue: the hold is stored, so it does not start there either.
  const other = await b.add('call', { n: 2 }, { queue: 'mail' })
  const elsewhere = await b.add('call', { n: 3 }, { queue: 'other' })
  expect(await elsewhere.waitForResult()).toBe(3)
  await settle([a, b])
  expect((await other.refresh()).state).toBe('waiting')

  clock.advance(1000)
  await settle([a, b])
  expect(await other.waitForResult()).toBe(2)
  // Its one attempt was not spent by the rate limit: the run that answered was attempt 1.
  expect(await limited.waitForResult()).toEqual({ n: 1, attempt: 1 })
  expect(await limited.refresh()).toMatchObject({ state: 'completed', attempts: 1 })
})
