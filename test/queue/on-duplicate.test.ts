// Duplicates that replace or debounce, through real queues, with concurrent adds from several
// queues on one database (tabs): one job per key is stored, and the `duplicate` event says
// what became of the existing job. The clock is the test's, so debounce times are exact.
import { createQueue, type Queue } from 'docket'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { testClock } from '../support/test-clock'
import { testDatabase, type TestDatabase } from '../support/test-database'

const clock = testClock()
let db: TestDatabase
const queues: Array<Queue<typeof handlers>> = []
let release: () => void = () => undefined
/** Whether the first save waits for `release()`, so that others queue up behind it. */
let holdFirst = false
const saved: unknown[] = []

const handlers = {
  async save(data: { text: string }): Promise<string> {
    saved.push(data.text)
    if (holdFirst && saved.length === 1) await new Promise<void>((resolve) => (release = resolve))
    return data.text
  },
}

beforeEach(async () => {
  db = await testDatabase()
  saved.length = 0
  holdFirst = false
  clock.freeze()
})
afterEach(async () => {
  release()
  await Promise.all(queues.splice(0).map((queue) => queue.close()))
  clock.restore()
})

function tab(autostart = true): Queue<typeof handlers> {
  // One sync at a time (across tabs): a second one waits while the first runs.
  const queue = createQueue({ handlers, storage: db.storage(), autostart, queues: { sync: { concurrency: 1 } } })
  queues.push(queue)
  return queue
}

it('replace: 30 concurrent adds from 3 tabs store one job, holding the data of the add that ran last', async () => {
  const tabs = [tab(false), tab(false), tab(false)]
  const actions: string[] = []
  tabs[0]!.on('duplicate', ({ action }) => actions.push(action))
  const jobs = await Promise.all(Array.from({ length: 30 }, (_, i) =>
    tabs[i % 3]!.add('save', { text: `v${i}` }, { unique: { key: 'draft:1', onDuplicate: 'replace' } })))
  expect(new Set(jobs.map((job) => job.id)).size).toBe(1)
  expect(await tabs[0]!.counts()).toMatchObject({ waiting: 1 })
  // Every add after the first replaced the data, in the order the transactions ran: one of them was last.
  const stored = (await tabs[0]!.get(jobs[0]!.id))!
  expect(jobs.map((job) => (job.data as { text: string }).text)).toContain((stored.data as { text: string }).text)
  expect(actions.filter((action) => action === 'replaced').length).toBeGreaterThan(0)
  expect(actions.every((action) => action === 'replaced')).toBe(true)
})

it('debounce: each add moves the waiting job, which runs once, after the last add settles down', async () => {
  const queue = tab()
  const moved: number[] = []
  queue.on('duplicate', ({ job, action }) => action === 'moved' && moved.push(job.runAt - t0))
  const t0 = Date.now()
  const options = { unique: { key: 'search', onDuplicate: 'debounce' as const }, delay: 300 }
  const first = await queue.add('save', { text: 'h' }, options)
  clock.advance(100)
  await queue.add('save', { text: 'he' }, options)
  clock.advance(100)
  const last = await queue.add('save', { text: 'hel' }, options)
  expect(last.id).toBe(first.id)
  expect(moved).toEqual([400, 500])
  clock.advance(299)
  await queue.start()
  await queue.whenIdle()
  expect(saved).toEqual([])
  clock.advance(1)
  await queue.start()
  expect(await last.waitForResult()).toBe('hel')
  expect(saved).toEqual(['hel'])
})

it('keep-latest: scope waiting + replace keeps one running and one waiting job with the newest data', async () => {
  holdFirst = true
  const [a, b] = [tab(), tab()]
  const options = { queue: 'sync', unique: { key: 'sync', scope: 'waiting' as const, onDuplicate: 'replace' as const } }
  const active = new Promise<void>((resolve) => a.on('active', () => resolve()))
  const running = await a.add('save', { text: 'first' }, options)
  await active
  const next = await Promise.all(['second', 'third', 'fourth'].map((text, i) => [a, b][i % 2]!.add('save', { text }, options)))
  expect(new Set(next.map((job) => job.id)).size).toBe(1)
  expect(next[0]!.id).not.toBe(running.id)
  expect(await a.counts()).toMatchObject({ active: 1, waiting: 1 })
  // A running job is never changed: it keeps the data it started with.
  expect((await running.refresh()).data).toEqual({ text: 'first' })
  release()
  expect(await running.waitForResult()).toBe('first')
  const latest = (await next[0]!.refresh()).data as { text: string }
  expect(await next[0]!.waitForResult()).toBe(latest.text)
  expect(saved).toEqual(['first', latest.text])
})
