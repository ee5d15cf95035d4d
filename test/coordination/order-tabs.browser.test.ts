// Ordering keys and rate limits across real tabs: three iframes (each its own document,
// IndexedDB connection and scheduler) run the jobs that this page adds. What is checked is
// read from storage and from the handler starts the tabs report, as invariants that hold for any
// interleaving: a busy machine changes the timing, never the outcome.
import { createQueue, indexedDBStorage, type Job, type Queue } from 'docket'
import { afterEach, expect, it } from 'vitest'
import { uniqueName } from '../support/env'
import { orderHandlers } from './support/order-handlers'
import { openFrame } from '../support/open-frame'
import { seeded } from '../support/seeded'

const frames: HTMLIFrameElement[] = []
const queues: Array<Queue<typeof orderHandlers>> = []

afterEach(async () => {
  frames.splice(0).forEach((frame) => frame.remove())
  await Promise.all(queues.splice(0).map((queue) => queue.close()))
})

async function openTab(db: string, claims: string): Promise<void> {
  await openFrame(new URL('./support/order-frame.html', import.meta.url), { db, claims }, frames)
}

/** This page's queue: it adds jobs and hears their outcomes, but runs none (never started). */
function pageQueue(db: string): Queue<typeof orderHandlers> {
  const queue = createQueue({ handlers: orderHandlers, storage: indexedDBStorage({ name: db }), autostart: false })
  queues.push(queue)
  return queue
}

it('runs 3 keys × 50 jobs in 3 tabs one at a time per key and in insertion order, through retries', async () => {
  const db = uniqueName('order-tabs')
  const page = pageQueue(db)
  const random = seeded(3)
  const keys = ['note:1', 'note:2', 'note:3']
  const jobs: Array<Job<{ key: string; n: number; ms: number; failures: number }, number>> = []
  for (let n = 0; n < 50; n++) {
    for (const key of keys) {
      const data = { key, n, ms: Math.floor(random() * 5), failures: random() < 0.2 ? 1 : 0 }
      jobs.push(await page.add('edit', data, { orderingKey: key, attempts: 2, backoff: { type: 'fixed', delay: 0 }, priority: n % 3 }) as never)
    }
  }
  await Promise.all([1, 2, 3].map(() => openTab(db, uniqueName('claims'))))
  expect(await Promise.all(jobs.map((job) => job.waitForResult()))).toEqual(jobs.map((job) => job.data.n))

  const stored = await page.list({ limit: 1000 })
  for (const key of keys) {
    // In insertion order, each job of the key started after the one before it completed.
    const ofKey = stored.filter((job) => job.orderingKey === key)
    expect(ofKey.map((job) => (job.data as { n: number }).n)).toEqual(Array.from({ length: 50 }, (_, n) => n))
    for (let i = 1; i < ofKey.length; i++) expect(ofKey[i]!.startedAt!).toBeGreaterThanOrEqual(ofKey[i - 1]!.completedAt!)
  }
  expect(stored.filter((job) => job.attempts === 2)).toHaveLength(jobs.filter((job) => job.data.failures === 1).length)
})

it('starts the handlers of at most 5 jobs of a limited queue in any 500 ms, over 3 tabs', async () => {
  const db = uniqueName('pace-tabs')
  const page = pageQueue(db)
  const claims = uniqueName('claims')
  const starts: number[] = []
  const channel = new BroadcastChannel(claims)
  channel.onmessage = (event: MessageEvent<{ now: number; queues: string[] }>) => {
    for (const queue of event.data.queues) if (queue === 'api') starts.push(event.data.now)
  }
  const jobs = await page.addBulk(Array.from({ length: 15 }, (_, n) => ({ name: 'call' as const, data: { n }, options: { queue: 'api' } })))
  await Promise.all([1, 2, 3].map(() => openTab(db, claims)))
  await Promise.all(jobs.map((job) => job.waitForResult()))
  // Every start was reported before its job settled: all 15 are here (a job claimed too late
  // to keep the promise goes back unrun, so each job starts once).
  await expect.poll(() => starts.length, { timeout: 10_000 }).toBe(15)
  channel.close()
  starts.sort((a, b) => a - b)
  for (const start of starts) expect(starts.filter((at) => at >= start && at < start + 500).length).toBeLessThanOrEqual(5)
  expect(starts[14]! - starts[0]!).toBeGreaterThanOrEqual(1000)
})
