import type { JobOptions, Queue } from 'docket'
import { describe, expect, it } from 'vitest'
import type { Jobs } from '../support/jobs'
import { queueFixture } from '../support/queue-fixture'
import { runners } from '../support/runner-option'

/** The largest number of the half-open intervals `[start, end)` that overlap at one instant. */
function maxOverlap(intervals: Array<{ start: number; end: number }>): number {
  const points = intervals.flatMap(({ start, end }) => [{ at: start, delta: 1 }, { at: end, delta: -1 }])
  // Ends before starts at the same instant: touching intervals do not overlap.
  points.sort((a, b) => a.at - b.at || a.delta - b.delta)
  let current = 0
  let max = 0
  for (const { delta } of points) max = Math.max(max, (current += delta))
  return max
}

/** Resolves once `Date.now()` has passed the millisecond it reads now. */
async function nextMillisecond(): Promise<void> {
  const now = Date.now()
  // The clock has no event for its tick: this waits at most a millisecond, and cannot fail.
  while (Date.now() <= now) await new Promise((resolve) => setTimeout(resolve, 1))
}

/** Counts running jobs from the queue's events: `active` in, settled out. */
function peakRunning(queue: Queue<Jobs>, filter: (queueName: string) => boolean = () => true): () => number {
  let running = 0
  let peak = 0
  queue.on('active', ({ job }) => {
    if (filter(job.queue)) peak = Math.max(peak, ++running)
  })
  queue.on('completed', ({ job }) => {
    if (filter(job.queue)) running--
  })
  return () => peak
}

describe.each(runners)('scheduling (%s runner)', (runner) => {
  const fixture = queueFixture(runner)

  it('never runs more than `concurrency` jobs at once, and fills every slot', async () => {
    const queue = await fixture.open({ concurrency: 3 })
    const peak = peakRunning(queue)
    const tags = Array.from({ length: 9 }, (_, n) => `job ${n}`)
    const jobs = await Promise.all(tags.map((tag) => queue.add('heldStamp', { channel: fixture.notes.channel, tag })))
    // Every job holds its slot until three run at once, however slowly workers start; from then
    // on each is let go as soon as it started. A tick of the clock after the third start keeps
    // the first ends strictly after it, so the three runs overlap in the stamps too.
    const threeRunning = fixture.notes.nth('started', 3).then(nextMillisecond)
    for (const tag of tags) void fixture.notes.next(tag, 'started').then(() => threeRunning).then(() => fixture.notes.release(tag))
    const runs = await Promise.all(jobs.map((job) => job.waitForResult()))

    // Events: `active` counts up to the slots. A freed slot starts the next job at once while
    // the previous job's `completed` waits for its group commit, so `active` minus `completed`
    // may briefly exceed the slots: what bounds concurrency is the handlers' own overlap.
    expect(peak()).toBeGreaterThanOrEqual(3)
    // As the handlers saw it (every slot filled, never more), and as the stored times say.
    expect(maxOverlap(runs)).toBe(3)
    expect(maxOverlap(jobs.map((job) => ({ start: job.startedAt!, end: job.settledAt! })))).toBeLessThanOrEqual(3)
  })

  it('runs exactly one job at a time on a queue of concurrency 1, while other queues use the free slots', async () => {
    const queue = await fixture.open({ concurrency: 4, queues: { q: { concurrency: 1 } } })
    const peakQ = peakRunning(queue, (name) => name === 'q')
    const peakOther = peakRunning(queue, (name) => name !== 'q')
    const serial = await Promise.all(Array.from({ length: 4 }, () => queue.add('stamp', { ms: 30 }, { queue: 'q' })))
    // One insert, so that one claim can take them together.
    const parallel = await queue.addBulk(Array.from({ length: 4 }, () => ({ name: 'stamp' as const, data: { ms: 100 } })))
    const runs = await Promise.all(serial.map((job) => job.waitForResult()))
    await Promise.all(parallel.map((job) => job.waitForResult()))

    expect(peakQ()).toBe(1)
    expect(maxOverlap(runs)).toBe(1)
    const stored = [...serial].sort((a, b) => a.startedAt! - b.startedAt!)
    for (let i = 1; i < stored.length; i++) expect(stored[i]!.startedAt).toBeGreaterThanOrEqual(stored[i - 1]!.settledAt!)
    expect(peakOther()).toBeGreaterThanOrEqual(2)
  })

  it('runs higher priority first, equal priorities in insertion order (added before start)', async () => {
    const queue = await fixture.open({ concurrency: 1, autostart: false })
    const order: string[] = []
    queue.on('active', ({ job }) => order.push(job.name === 'stamp' ? job.data.tag! : '?'))
    const priorities = { a: 0, b: 5, c: -1, d: 5, e: 10, f: 0 }
    for (const [tag, priority] of Object.entries(priorities)) await queue.add('stamp', { ms: 0, tag }, { priority })

    await queue.start()
    await queue.whenIdle()
    expect(order).toEqual(['e', 'b', 'd', 'a', 'f', 'c'])
  })

  it('runs higher priority first, equal priorities in insertion order (added while paused)', async () => {
    const queue = await fixture.open({ concurrency: 1 })
    const order: string[] = []
    queue.on('active', ({ job }) => order.push(job.name === 'stamp' ? job.data.tag! : '?'))
    await queue.pause()
    const added = await queue.addBulk([
      { name: 'stamp', data: { ms: 0, tag: 'low' }, options: { priority: -5 } },
      { name: 'stamp', data: { ms: 0, tag: 'first' } },
      { name: 'stamp', data: { ms: 0, tag: 'high' }, options: { priority: 2 } },
      { name: 'stamp', data: { ms: 0, tag: 'second' } },
    ])
    await queue.whenIdle()
    expect(order).toEqual([])
    expect((await queue.counts()).waiting).toBe(4)

    await queue.resume()
    await Promise.all(added.map((job) => job.waitForResult()))
    expect(order).toEqual(['high', 'first', 'second', 'low'])
  })

  it('keeps a delayed job `delayed` and never starts it before its runAt', async () => {
    const queue = await fixture.open({ concurrency: 1 })
    const started: string[] = []
    queue.on('active', ({ job }) => started.push(job.name === 'stamp' ? job.data.tag! : '?'))
    // Paused while adding: on a slow machine a job may fall due before the next add, and it
    // must not start ahead of one added after it. Resumed, due jobs start in runAt order.
    await queue.pause()
    // Each state is read as add resolves, before any claim could see the job.
    const addedAs: Record<string, string> = {}
    const add = async (tag: string, options: JobOptions) => {
      const job = await queue.add('stamp', { ms: 0, tag }, options)
      addedAs[tag] = job.state
      return job
    }
    // The queue's clock stands still while the jobs are added: however long the adds take on a
    // busy machine, every runAt is still ahead when its job is stored, and none falls due before
    // `past`, added last, is in. Then the clock runs on as the real one.
    fixture.clock.freeze()
    const now = Date.now()
    const byEpoch = await add('epoch', { runAt: now + 60 })
    const byDate = await add('date', { runAt: new Date(now + 120) })
    const byDelay = await add('delay', { delay: 180 })
    const later = await add('later', { delay: 60_000 })
    const past = await add('past', { runAt: now - 1000 })
    fixture.clock.restore()

    expect(byEpoch.runAt).toBe(now + 60)
    expect(byDate.runAt).toBe(now + 120)
    expect(byDelay.runAt).toBe(byDelay.createdAt + 180)
    // Stored `delayed` exactly when runAt is after the add: always for a delay, for the two
    // absolute times only if the clock had not reached them yet (it may, on a loaded machine).
    const stateAtAdd = (job: { runAt: number; createdAt: number }) => (job.runAt > job.createdAt ? 'delayed' : 'waiting')
    expect(addedAs).toEqual({ epoch: stateAtAdd(byEpoch), date: stateAtAdd(byDate), delay: 'delayed', later: 'delayed', past: 'waiting' })
    await queue.resume()

    for (const job of [past, byEpoch, byDate, byDelay]) {
      const run = await job.waitForResult()
      expect(run.start).toBeGreaterThanOrEqual(job.runAt)
      expect(job.startedAt).toBeGreaterThanOrEqual(job.runAt)
    }
    expect(started).toEqual(['past', 'epoch', 'date', 'delay'])
    // While the others ran, the job due last stayed delayed, and is listed and counted so.
    expect(await later.getState()).toBe('delayed')
    expect((await queue.list({ state: 'delayed' })).map((job) => job.id)).toEqual([later.id])
    expect((await queue.counts()).delayed).toBe(1)
  })

  it('resolves whenIdle once every due job settled, without waiting for delayed ones', async () => {
    const queue = await fixture.open({ concurrency: 2 })
    let idleEvents = 0
    queue.on('idle', () => idleEvents++)
    const later = await queue.add('double', { n: 1 }, { delay: 60_000 })
    await Promise.all(Array.from({ length: 5 }, (_, n) => queue.add('stamp', { ms: 10 * n })))

    await queue.whenIdle()
    expect(await queue.counts()).toEqual({ blocked: 0, waiting: 0, delayed: 1, active: 0, completed: 5, failed: 0, canceled: 0 })
    expect(await later.getState()).toBe('delayed')
    expect(idleEvents).toBeGreaterThanOrEqual(1)
  })

  it('resolves whenIdle at once for a queue that has not started', async () => {
    const queue = await fixture.open({ autostart: false })
    await queue.add('double', { n: 1 })
    await queue.whenIdle()
    expect((await queue.counts()).waiting).toBe(1)
  })
})
