// docket in an edge-like runtime: no indexedDB, Worker, window, navigator or BroadcastChannel.
// The globals go before docket is first imported (dynamically, below): vitest runs each test
// file in its own module graph, so nothing imported docket earlier in this file's context.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const absent = ['indexedDB', 'IDBKeyRange', 'Worker', 'window', 'navigator', 'BroadcastChannel'] as const
const saved = new Map<string, PropertyDescriptor>()

beforeAll(() => {
  for (const name of absent) {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, name)
    if (descriptor) saved.set(name, descriptor)
    delete (globalThis as Record<string, unknown>)[name]
  }
})
afterAll(() => {
  for (const [name, descriptor] of saved) Object.defineProperty(globalThis, name, descriptor)
})

const loadDocket = () => import('docket')

describe('without indexedDB, Worker, window, navigator and BroadcastChannel', () => {
  it('has none of them, and both entry points import', async () => {
    for (const name of absent) expect(name in globalThis, name).toBe(false)
    const docket = await loadDocket()
    const worker = await import('docket/worker')
    expect(typeof docket.createQueue).toBe('function')
    expect(typeof docket.memoryStorage).toBe('function')
    expect(typeof docket.indexedDBStorage).toBe('function')
    expect(typeof worker.serveJobs).toBe('function')
  })

  it('refuses createQueue() without storage with a StorageError that names both ways out', async () => {
    const { createQueue, StorageError } = await loadDocket()
    const make = () => createQueue({ handlers: { noop: () => null } })
    expect(make).toThrow(StorageError)
    expect(make).toThrow(/memoryStorage\(\)/)
    expect(make).toThrow(/indexedDBStorage\(\{ indexedDB \}\)/)
  })

  it('runs jobs with memoryStorage() and handlers: retries, uniqueness, and requiresNetwork (no navigator counts as online)', async () => {
    const { createQueue, memoryStorage } = await loadDocket()
    const calls: string[] = []
    const queue = createQueue({
      storage: memoryStorage(),
      defaults: { backoff: { type: 'fixed', delay: 10 } },
      handlers: {
        flaky(data: { failures: number }, ctx) {
          calls.push(`flaky#${ctx.attempt}`)
          if (ctx.attempt <= data.failures) throw new Error(`failure ${ctx.attempt}`)
          return ctx.attempt
        },
        send: (data: { to: string }) => `sent to ${data.to}`,
      },
    })
    try {
      const duplicates: string[] = []
      queue.on('duplicate', ({ job }) => duplicates.push(job.id))
      const flaky = await queue.add('flaky', { failures: 2 }, { attempts: 3 })
      const first = await queue.add('send', { to: 'a' }, { unique: true, delay: 50 })
      const again = await queue.add('send', { to: 'a' }, { unique: true })
      const online = await queue.add('send', { to: 'b' }, { requiresNetwork: true })

      expect(again.id).toBe(first.id)
      expect(duplicates).toEqual([first.id])
      expect(await flaky.waitForResult()).toBe(3)
      expect(calls).toEqual(['flaky#1', 'flaky#2', 'flaky#3'])
      expect((await flaky.refresh()).errors.map((e) => e.message)).toEqual(['failure 1', 'failure 2'])
      expect(await first.waitForResult()).toBe('sent to a')
      expect(await online.waitForResult()).toBe('sent to b')
      expect((await queue.counts()).completed).toBe(3)
    } finally {
      await queue.close()
    }
  })

  it('keeps jobs across queue instances on indexedDBStorage({ indexedDB }) with the fake-indexeddb shim', async () => {
    const { createQueue, indexedDBStorage } = await loadDocket()
    const shim = { indexedDB: new IDBFactory(), IDBKeyRange }
    const storage = () => indexedDBStorage({ name: 'edge', ...shim })
    const handlers = { square: (data: { n: number }) => data.n ** 2 }

    const writer = createQueue({ storage: storage(), handlers, autostart: false })
    const added = await writer.addBulk([{ name: 'square', data: { n: 3 } }, { name: 'square', data: { n: 4 } }])
    await writer.close()

    const runner = createQueue({ storage: storage(), handlers })
    const jobs = await Promise.all(added.map((job) => runner.get(job.id)))
    expect(await Promise.all(jobs.map((job) => job!.waitForResult()))).toEqual([9, 16])
    await runner.close()

    const reader = createQueue({ storage: storage(), handlers, autostart: false })
    expect((await reader.list({ state: 'completed' })).map((job) => job.result)).toEqual([9, 16])
    await reader.close()
  })

  it('runs each job once when two live queues share one shim database, without a channel between them', async () => {
    const { createQueue, indexedDBStorage } = await loadDocket()
    const shim = { indexedDB: new IDBFactory(), IDBKeyRange }
    const total = 20
    const runs = new Map<number, number>()
    let allRan: () => void = () => {}
    const ran = new Promise<void>((resolve) => (allRan = resolve))
    const make = () => createQueue({
      storage: indexedDBStorage({ name: 'shared', ...shim }),
      concurrency: 2,
      handlers: {
        count(data: { n: number }) {
          runs.set(data.n, (runs.get(data.n) ?? 0) + 1)
          if (runs.size === total) allRan()
          return data.n
        },
      },
    })
    const [a, b] = [make(), make()]
    try {
      // Each queue adds half and wakes on its own adds only. Without a BroadcastChannel a queue
      // hears nothing of the other's jobs, so `waitForResult()` of a job the other ran would not
      // resolve: the handlers themselves say when all ran.
      await Promise.all(Array.from({ length: total }, (_, n) => (n % 2 ? a : b).add('count', { n })))
      await ran
      await Promise.all([a.whenIdle(), b.whenIdle()])
      expect((await a.counts()).completed).toBe(total)
      expect([...runs.values()].every((times) => times === 1)).toBe(true)
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })
})
