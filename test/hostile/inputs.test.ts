// Hostile and careless inputs (issue 31, defects 2, 3, 6, 7, 8): each gets a `ValidationError`
// that names the option by its full path, nothing is stored, and a normal job still runs after.
import { createQueue, memoryStorage, ValidationError, type CreateQueueOptions, type Queue, type Storage } from 'docket'
import { describe, expect, it } from 'vitest'
import { testDatabase } from '../support/test-database'

type Handlers = { work: (data: unknown) => Promise<unknown> }
type TestQueue = Queue<Handlers>
const handlers: Handlers = { work: async (data) => data }

/** A value nested `depth` levels: `{ a: { a: … } }`. */
function nested(depth: number): unknown {
  let value: unknown = 0
  for (let i = 0; i < depth; i++) value = { a: value }
  return value
}

/** A flow chain of `length` steps, each waiting for the next one declared. */
function reverseChain(length: number): Array<{ ref: string; name: 'work'; data: null; dependsOn?: string[] }> {
  return Array.from({ length }, (_, i) => ({ ref: `s${i}`, name: 'work' as const, data: null, ...(i + 1 < length ? { dependsOn: [`s${i + 1}`] } : {}) }))
}

const cycle = (length: number) => Array.from({ length }, (_, i) => ({ ref: `s${i}`, name: 'work' as const, data: null, dependsOn: [`s${(i + 1) % length}`] }))
const cyclic: Record<string, unknown> = {}
cyclic.self = cyclic
const over = 2 ** 31

/** Calls on an open queue, each with the option its error must name. */
const calls: Array<[string, RegExp, (queue: TestQueue) => Promise<unknown>]> = [
  ['timeout 2 ** 31', /`timeout`/, (queue) => queue.add('work', 1, { timeout: over })],
  ['timeout 1e12', /`timeout`/, (queue) => queue.add('work', 1, { timeout: 1e12 })],
  ['delay 2 ** 31', /`delay`.*`runAt`/, (queue) => queue.add('work', 1, { delay: over })],
  ['backoff.delay 2 ** 31', /`backoff.delay`/, (queue) => queue.add('work', 1, { backoff: { type: 'fixed', delay: over } })],
  ['backoff.maxDelay 1e12', /`backoff.maxDelay`/, (queue) => queue.add('work', 1, { backoff: { type: 'fixed', delay: 1, maxDelay: 1e12 } })],
  ['stop timeout 2 ** 31', /`timeout`/, (queue) => queue.stop({ timeout: over })],
  ['template.options.timeout 2 ** 31', /`template.options.timeout`/, (queue) => queue.upsertScheduler('s', { every: 1000 }, { name: 'work', data: 1, options: { timeout: over } })],
  ['backoff typo', /`backoff.maxdelay`/, (queue) => queue.add('work', 1, { backoff: { type: 'fixed', delay: 1, maxdelay: 5 } as never })],
  ['unique typo', /`unique.scop`/, (queue) => queue.add('work', 1, { unique: { key: 'k', scop: 'waiting' } as never })],
  ['unique.scope typo', /`unique.scope.windows`/, (queue) => queue.add('work', 1, { unique: { scope: { window: 5, windows: 6 } as never } })],
  ['flow depends_on', /`flow\[1\].depends_on`/, (queue) => queue.addFlow([{ ref: 'a', name: 'work', data: 1 }, { ref: 'b', name: 'work', data: 2, depends_on: ['a'] } as never])],
  ['template typo', /`template.option`/, (queue) => queue.upsertScheduler('s', { every: 1000 }, { name: 'work', data: 1, option: {} } as never)],
  ['cycle of 10,000 steps', /`flow` to have no cycle/, (queue) => queue.addFlow(cycle(10_000))],
  ['unique: true with BigInt data', /`data`.*`unique.key`/, (queue) => queue.add('work', { n: 10n }, { unique: true })],
  ['unique: true with cyclic data', /`data`.*`unique.key`/, (queue) => queue.add('work', cyclic, { unique: true })],
  ['data nested 1,001 levels', /`data`.*1000 levels/, (queue) => queue.add('work', nested(1001))],
  ['data nested 2,500 levels', /`data`/, (queue) => queue.add('work', nested(2500))],
  ['data nested 6,000 levels', /`data`/, (queue) => queue.add('work', nested(6000))],
]

/** Options of `createQueue`, each with the option its error must name. */
const options: Array<[string, RegExp, Partial<CreateQueueOptions<Handlers>>]> = [
  ['leaseDuration 1e10', /`leaseDuration`/, { leaseDuration: 1e10 }],
  ['leaseDuration 2 ** 31', /`leaseDuration`/, { leaseDuration: over }],
  ['abortGracePeriod 2 ** 31', /`abortGracePeriod`/, { abortGracePeriod: over }],
  ['progressInterval 2 ** 31', /`progressInterval`/, { progressInterval: over }],
  ['defaults.timeout 2 ** 31', /`defaults.timeout`/, { defaults: { timeout: over } }],
  ['defaults.backoff.delay 2 ** 31', /`defaults.backoff.delay`/, { defaults: { backoff: { type: 'fixed', delay: over } } }],
  ['rateLimit.duration 2 ** 31', /`queues.q.rateLimit.duration`/, { queues: { q: { rateLimit: { max: 1, duration: over } } } }],
  ['rateLimit.startWithin 2 ** 31', /`queues.q.rateLimit.startWithin`/, { queues: { q: { rateLimit: { max: 1, duration: 1, startWithin: over } } } }],
  ['queues.q.concurency', /`queues.q.concurency`/, { queues: { q: { concurency: 2 } as never } }],
  ['retention.completed.maxcount', /`retention.completed.maxcount`/, { retention: { completed: { maxcount: 5 } as never } }],
]

const storages: Array<[string, () => Promise<Storage>]> = [
  ['memory', async () => memoryStorage()],
  ['indexeddb', async () => (await testDatabase()).storage()],
]

/** A normal job runs to its result on `queue`. */
async function normalJobRuns(queue: TestQueue): Promise<void> {
  await queue.start()
  expect(await (await queue.add('work', { normal: true })).waitForResult()).toEqual({ normal: true })
}

describe.each(storages)('hostile inputs on %s storage', (_kind, open) => {
  it.each(calls)('%s: a ValidationError naming the option, nothing stored', async (_label, names, call) => {
    const queue = createQueue({ storage: await open(), handlers, autostart: false })
    try {
      const error = await call(queue).then(() => undefined, (caught: unknown) => caught)
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as Error).message).toMatch(names)
      expect(await queue.list()).toEqual([])
      expect(await queue.getSchedulers()).toEqual([])
      await normalJobRuns(queue)
    } finally {
      await queue.close()
    }
  })

  it.each(options)('%s: createQueue throws a ValidationError naming the option', async (_label, names, given) => {
    const storage = await open()
    expect(() => createQueue({ storage, handlers, ...given })).toThrow(ValidationError)
    expect(() => createQueue({ storage, handlers, ...given })).toThrow(names)
    const queue = createQueue({ storage, handlers, autostart: false })
    try {
      await normalJobRuns(queue)
    } finally {
      await queue.close()
    }
  })

  it('stores a flow chain of 10,000 steps declared in reverse, without a stack overflow', { timeout: 30_000 }, async () => {
    const queue = createQueue({ storage: await open(), handlers, autostart: false })
    try {
      const flow = await queue.addFlow(reverseChain(10_000))
      expect(flow.s9999?.state).toBe('waiting')
      expect(await queue.counts()).toMatchObject({ waiting: 1, blocked: 9_999 })
      await normalJobRuns(queue)
    } finally {
      await queue.close()
    }
  })

  it('runs a job with the longest timeout and data at the deepest nesting, both accepted', async () => {
    const queue = createQueue({ storage: await open(), handlers, leaseDuration: 2 ** 31 - 1 })
    try {
      const job = await queue.add('work', nested(1000), { timeout: 2 ** 31 - 1 })
      expect(await job.waitForResult()).toEqual(nested(1000))
      await normalJobRuns(queue)
    } finally {
      await queue.close()
    }
  })
})
