// A quiet idle, counted on a simulated clock: a started queue with nothing delayed or active
// sets no timer and asks nothing of storage, minute after minute; one delayed job costs one
// timer, which fires once, at its time. The clock and timers are the simulation's
// (test/sim/sim-clock.ts): no real time passes, so nothing here depends on the machine's speed.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { createQueue, DEFAULTS, indexedDBStorage, memoryStorage, type Queue, type Storage } from 'docket'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { simClock, type SimClock } from '../sim/sim-clock'
import { countingStorage, type CountingStorage } from '../support/counting-storage'

const MINUTE = 60_000
/** The lease sweep's period: a third of the lease. */
const TICK = Math.floor(DEFAULTS.leaseDuration / 3)
type Handlers = { noop(): Promise<string> }

const storages: Array<[string, () => Storage]> = [
  ['memory', () => memoryStorage()],
  ['fake-indexeddb', () => indexedDBStorage({ name: 'quiet', indexedDB: new IDBFactory(), IDBKeyRange })],
]

describe.each(storages)('a quiet idle (%s storage)', (_, makeStorage) => {
  let clock: SimClock
  let restore: () => void
  let counted: CountingStorage
  let queue: Queue<Handlers> | undefined

  /** Lets the queue and storage finish what they do now: turns of the event loop until no storage call is in flight. */
  async function settle(): Promise<void> {
    let quiet = 0
    for (let turn = 0; turn < 10_000 && quiet < 3; turn++) {
      await new Promise<void>((resolve) => setImmediate(resolve))
      quiet = counted.inFlight === 0 ? quiet + 1 : 0
    }
  }

  /** Moves the simulated time on; returns the timers fired and the storage calls made meanwhile. */
  async function pass(ms: number): Promise<{ fired: number; calls: string[] }> {
    const before = counted.calls.length
    const fired = await clock.advance(ms, settle)
    await settle()
    return { fired, calls: counted.calls.slice(before).map((call) => call.method) }
  }

  async function open(): Promise<Queue<Handlers>> {
    queue = createQueue<Handlers>({ handlers: { noop: async () => 'done' }, storage: counted.storage })
    await settle()
    await queue.whenIdle()
    return queue
  }

  beforeEach(() => {
    clock = simClock(Date.UTC(2026, 0, 1))
    restore = clock.install()
    counted = countingStorage(makeStorage())
  })
  afterEach(async () => {
    const closing = queue?.close()
    queue = undefined
    await settle()
    await closing
    restore()
  })

  it('sets no timer and asks nothing of storage in an idle minute, once the last look after start is done', async () => {
    await open()
    // After a claim, one look a third of a lease later, for runs of other contexts (`list`) and
    // for due jobs left unclaimed (`dueJobs`, the stuck watch); then nothing.
    expect(clock.pending()).toBe(1)
    const look = await pass(TICK)
    expect({ ...look, calls: [...look.calls].sort() }).toEqual({ fired: 1, calls: ['dueJobs', 'list'] })
    expect(clock.pending()).toBe(0)
    expect(await pass(MINUTE)).toEqual({ fired: 0, calls: [] })
    expect(await pass(10 * MINUTE)).toEqual({ fired: 0, calls: [] })
  })

  it('goes quiet again after jobs ran', async () => {
    const q = await open()
    await pass(TICK)
    const jobs = await q.addBulk(Array.from({ length: 5 }, () => ({ name: 'noop' as const, data: undefined })))
    await settle()
    expect(await Promise.all(jobs.map((job) => job.waitForResult()))).toEqual(Array(5).fill('done'))
    await q.whenIdle()
    // The last look after the claims, then quiet: no timer is left.
    const look = await pass(TICK)
    expect([...look.calls].sort()).toEqual(['dueJobs', 'list'])
    expect(clock.pending()).toBe(0)
    expect(await pass(MINUTE)).toEqual({ fired: 0, calls: [] })
  })

  it('keeps exactly one timer for one delayed job, which fires once, at its time', async () => {
    const q = await open()
    await pass(TICK)
    const job = await q.add('noop', undefined, { delay: 5 * MINUTE })
    await settle()
    await q.whenIdle()
    await pass(TICK) // the last look after the add's claim
    expect(clock.pending()).toBe(1)
    // Four idle minutes: the job's timer waits, nothing fires, storage is not asked.
    expect(await pass(4 * MINUTE)).toEqual({ fired: 0, calls: [] })
    expect(clock.pending()).toBe(1)
    // Its time (five minutes after the add, which was a tick and four minutes ago): the one
    // timer fires and the job runs.
    const due = await pass(MINUTE - TICK)
    expect(due.fired).toBe(1)
    expect(due.calls[0]).toBe('claim')
    expect(await job.waitForResult()).toBe('done')
  })

  it('renews the leases of a running job every third of a lease, and stops once it settled', async () => {
    let finish!: (value: string) => void
    queue = createQueue<Handlers>({ handlers: { noop: () => new Promise<string>((resolve) => (finish = resolve)) }, storage: counted.storage })
    await settle()
    const job = await queue.add('noop', undefined)
    await settle()
    expect(await job.getState()).toBe('active')
    // Running: each tick renews (a claim), sweeps (a list) and looks for stuck jobs (dueJobs).
    for (let tick = 0; tick < 3; tick++) {
      const { fired, calls } = await pass(TICK)
      expect(fired).toBe(1)
      expect([...calls].sort()).toEqual(['claim', 'dueJobs', 'list'])
    }
    finish('done')
    expect(await job.waitForResult()).toBe('done')
    await queue.whenIdle()
    await pass(TICK)
    expect(clock.pending()).toBe(0)
    expect(await pass(MINUTE)).toEqual({ fired: 0, calls: [] })
  })
})
