// A quiet idle in a real browser: once the queue says it is idle, the real IndexedDB storage
// (wrapped only to count its calls) is asked nothing more, over many lease periods, beyond the
// one last look that follows a claim. The lease is short (150 ms: a sweep every 50 ms before
// 0.2.x made housekeeping quiet, so 60 in the window), and the window spans twenty lease periods
// (3 s). Only counts are asserted, never how long a step took or when it came: a slow machine
// only makes fewer ticks possible, and the one last look may land anywhere in the window.
import { createQueue, indexedDBStorage, type Queue } from 'docket'
import { afterEach, describe, expect, it } from 'vitest'
import { uniqueName } from '../support/env'
import { countingStorage, type CountingStorage } from '../support/counting-storage'

const LEASE = 150
const PERIODS = 20
type Handlers = { noop(data: number): Promise<number> }
const queues: Array<Queue<Handlers>> = []

afterEach(async () => {
  await Promise.all(queues.splice(0).map((queue) => queue.close()))
})

function open(counted: CountingStorage): Queue<Handlers> {
  const queue = createQueue<Handlers>({ handlers: { noop: async (n) => n * 2 }, storage: counted.storage, leaseDuration: LEASE })
  queues.push(queue)
  return queue
}

/** The storage calls made over `PERIODS` lease periods from now (a real wait: the window counted). */
async function callsOverIdleWindow(counted: CountingStorage): Promise<string[]> {
  const from = counted.calls.length
  await new Promise((resolve) => setTimeout(resolve, PERIODS * LEASE))
  return counted.calls.slice(from).map((call) => `${call.method}${call.method === 'list' ? ` ${JSON.stringify((call.arg as { states?: string[] }).states)}` : ''}`)
}

/**
 * At most the one last look that follows the queue's last claim: a read of active jobs (runs
 * of other contexts) and one of due jobs left unclaimed (the `stuck` watch), two calls.
 */
const LAST_LOOK = ['list ["active"]', 'dueJobs']
const LOOK_CALLS = LAST_LOOK.length

describe('a quiet idle on IndexedDB', () => {
  it('asks nothing of storage once idle after a burst, beyond one last look', async () => {
    const counted = countingStorage(indexedDBStorage({ name: uniqueName('quiet') }))
    const queue = open(counted)
    const jobs = await queue.addBulk(Array.from({ length: 20 }, (_, n) => ({ name: 'noop' as const, data: n })))
    expect(await Promise.all(jobs.map((job) => job.waitForResult()))).toEqual(jobs.map((_, n) => n * 2))
    await queue.whenIdle()
    const calls = await callsOverIdleWindow(counted)
    expect(calls.length).toBeLessThanOrEqual(LOOK_CALLS)
    for (const call of calls) expect(LAST_LOOK).toContain(call)
  })

  it('asks nothing of storage when started on an empty database', async () => {
    const counted = countingStorage(indexedDBStorage({ name: uniqueName('quiet-empty') }))
    const queue = open(counted)
    await queue.counts()
    await queue.whenIdle()
    const calls = await callsOverIdleWindow(counted)
    expect(calls.length).toBeLessThanOrEqual(LOOK_CALLS)
    for (const call of calls) expect(LAST_LOOK).toContain(call)
  })

  it('sweeps while another queue on the database runs a job, and goes quiet once it settled', async () => {
    const name = uniqueName('quiet-two')
    const watcher = countingStorage(indexedDBStorage({ name }))
    open(watcher)
    let finish!: () => void
    const running = new Promise<void>((resolve) => (finish = resolve))
    const started = new Promise<void>((resolve) => {
      const other = createQueue<Handlers>({
        handlers: { noop: async (n) => (resolve(), await running, n) },
        storage: indexedDBStorage({ name }),
        leaseDuration: LEASE,
      })
      queues.push(other)
      void other.add('noop', 1)
    })
    await started
    // The watcher hears of the run (the channel's `active`) and sweeps while it lasts: each
    // sweep reads active jobs; counted as events, not as a rate.
    for (let sweeps = 0; sweeps < 3;) {
      const call = await watcher.nextCall()
      if (call.method === 'list') sweeps++
    }
    finish()
    await Promise.all(queues.map((queue) => queue.whenIdle()))
    // The run is over: a sweep under way as it ended may still have seen it (one more look),
    // and the next finds nothing. At most those two, however the window falls.
    const calls = await callsOverIdleWindow(watcher)
    expect(calls.length).toBeLessThanOrEqual(2 * LOOK_CALLS)
    for (const call of calls) expect(LAST_LOOK).toContain(call)
  })
})
