// Ordering keys through real queues: three queues on one database stand for three tabs (in
// Node over one fake-indexeddb factory, in browsers over the page's IndexedDB, each its own
// connection and scheduler). Handlers run inline and record what they see; their durations
// and failures are drawn from a seeded generator, and every assertion is an invariant that
// holds for any interleaving, so a busy machine changes the timing, never the outcome.
import { createQueue, type Queue } from 'docket'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { testDatabase, type TestDatabase } from '../support/test-database'
import { seeded } from '../support/seeded'

interface Edit {
  key: string
  n: number
  /** Milliseconds the handler takes. */
  ms: number
  /** Runs that fail before one succeeds; more than the job's attempts: it fails for good. */
  failures: number
}

let db: TestDatabase
const queues: Array<Queue<typeof handlers>> = []
const starts: Array<{ key: string; n: number; attempt: number }> = []
const running = new Set<string>()
const overlaps: string[] = []
const runs = new Map<string, number>()

const handlers = {
  async edit(data: Edit, ctx: { attempt: number }): Promise<number> {
    if (running.has(data.key)) overlaps.push(`${data.key}#${data.n}`)
    running.add(data.key)
    starts.push({ key: data.key, n: data.n, attempt: ctx.attempt })
    await new Promise((resolve) => setTimeout(resolve, data.ms))
    running.delete(data.key)
    const run = (runs.get(`${data.key}#${data.n}`) ?? 0) + 1
    runs.set(`${data.key}#${data.n}`, run)
    if (run <= data.failures) throw new Error(`edit ${data.key}#${data.n} failed (attempt ${ctx.attempt})`)
    return data.n
  },
}

beforeEach(async () => {
  db = await testDatabase()
  starts.length = 0
  running.clear()
  overlaps.length = 0
  runs.clear()
})
afterEach(async () => {
  await Promise.all(queues.splice(0).map((queue) => queue.close()))
})

function tab(): Queue<typeof handlers> {
  const queue = createQueue({ handlers, storage: db.storage(), concurrency: 3 })
  queues.push(queue)
  return queue
}

/** The numbers of the edits of `key` in the order their first attempts started. */
const firstStarts = (key: string): number[] => starts.filter((s) => s.key === key && s.attempt === 1).map((s) => s.n)

it('runs 3 keys × 50 jobs from 3 tabs one at a time per key, in insertion order, through retries', async () => {
  const random = seeded(14)
  const tabs = [tab(), tab(), tab()]
  const keys = ['note:1', 'note:2', 'note:3']
  const edits: Edit[] = []
  for (let n = 0; n < 50; n++) for (const key of keys) edits.push({ key, n, ms: Math.floor(random() * 4), failures: random() < 0.2 ? 1 : 0 })
  // Each tab adds its share, in order per key: tab i adds every third edit.
  const added = await Promise.all(tabs.map(async (queue, i) => {
    const jobs = []
    for (const edit of edits.filter((_, j) => j % 3 === i)) {
      jobs.push(await queue.add('edit', edit, { orderingKey: edit.key, attempts: 2, backoff: { type: 'fixed', delay: 0 }, priority: edit.n % 3 }))
    }
    return jobs
  }))
  const jobs = added.flat()
  await Promise.all(jobs.map((job) => job.waitForResult()))

  expect(overlaps).toEqual([])
  // The order of insertion per key is the order of `seq`: read it back from the list.
  const stored = await tabs[0]!.list({ limit: 1000 })
  for (const key of keys) {
    const inserted = stored.filter((job) => job.orderingKey === key).map((job) => (job.data as Edit).n)
    expect(firstStarts(key)).toEqual(inserted)
    // A retry runs before the next job of its key: the attempts of one key alternate in order.
    const byKey = starts.filter((s) => s.key === key).map((s) => s.n)
    expect(byKey).toEqual([...byKey].sort((a, b) => inserted.indexOf(a) - inserted.indexOf(b)))
  }
  expect(starts.filter((s) => s.attempt === 2)).toHaveLength(edits.filter((e) => e.failures === 1).length)
})

it('blocks a key on a job that failed for good, lets other keys go on, and unblocks it when removed', async () => {
  const [a, b] = [tab(), tab()]
  const events: string[] = []
  a.on('keyBlocked', ({ key, job }) => events.push(`blocked ${key} ${(job.data as Edit).n}`))
  a.on('keyUnblocked', ({ key }) => events.push(`unblocked ${key}`))
  const blocked = new Promise<void>((resolve) => a.on('keyBlocked', () => resolve()))
  const failing = await a.add('edit', { key: 'doc', n: 1, ms: 0, failures: 5 }, { orderingKey: 'doc', attempts: 1 })
  const after = await b.add('edit', { key: 'doc', n: 2, ms: 0, failures: 0 }, { orderingKey: 'doc' })
  const other = await b.add('edit', { key: 'other', n: 3, ms: 0, failures: 0 }, { orderingKey: 'other' })
  await blocked
  expect(await other.waitForResult()).toBe(3)
  await Promise.all([a.whenIdle(), b.whenIdle()])
  expect(await b.blockedKeys()).toEqual([{ key: 'doc', jobId: failing.id }])
  expect((await after.refresh()).state).toBe('waiting')
  expect(firstStarts('doc')).toEqual([1])

  const unblocked = new Promise<void>((resolve) => a.on('keyUnblocked', () => resolve()))
  expect(await b.remove(failing.id)).toBe(true)
  await unblocked
  expect(await after.waitForResult()).toBe(2)
  expect(await a.blockedKeys()).toEqual([])
  expect(events).toEqual(['blocked doc 1', 'unblocked doc'])
})

it('lets a retried blocking job run first, then the rest of its key', async () => {
  const queue = tab()
  const first = await queue.add('edit', { key: 'doc', n: 1, ms: 0, failures: 1 }, { orderingKey: 'doc', attempts: 1 })
  const second = await queue.add('edit', { key: 'doc', n: 2, ms: 0, failures: 0 }, { orderingKey: 'doc' })
  await expect(first.waitForResult()).rejects.toThrow(/failed \(attempt 1\)/)
  await queue.whenIdle()
  expect((await second.refresh()).state).toBe('waiting')
  await queue.retry(first.id)
  expect(await second.waitForResult()).toBe(2)
  expect(starts.map((s) => `${s.n}/${s.attempt}`)).toEqual(['1/1', '1/1', '2/1'])
  expect(await first.refresh()).toMatchObject({ state: 'completed' })
})
