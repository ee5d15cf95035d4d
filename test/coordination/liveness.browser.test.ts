// Interrupted runs: a context that dies mid-job (an iframe closed or reloaded: its own
// document, its own Web Locks) has its job run again at once, not after its lease, without
// spending the attempt. Leases are an hour here: only liveness can explain a prompt rerun.
import { createQueue, indexedDBStorage, StalledError, type Queue } from 'docket'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { uniqueName } from '../support/env'
import { holdHandlers, runsOn } from './support/held-jobs'
import { openFrame } from '../support/open-frame'

const HOUR = 3_600_000
const frames: HTMLIFrameElement[] = []
const queues: Array<Queue<ReturnType<typeof holdHandlers>>> = []
const figures: string[] = []

afterEach(async () => {
  frames.splice(0).forEach((frame) => frame.remove())
  await Promise.all(queues.splice(0).map((queue) => queue.close()))
})

// The latencies are figures for the README, not assertions: a loaded machine may be slow.
afterAll(() => console.log(`[liveness] ${navigator.userAgent.match(/(Firefox|Chrome|Version)\/[\d.]+/)?.[0] ?? 'engine'}: ${figures.join('; ')}`))

/** Opens a frame running a queue on `db`; resolves once its document has loaded. */
function openTab(db: string, options: { lease?: number; locks?: 'off'; page?: string } = {}): Promise<HTMLIFrameElement> {
  const params = { db, lease: String(options.lease ?? HOUR), page: options.page ?? 'frame', ...(options.locks ? { locks: options.locks } : {}) }
  return openFrame(new URL('./support/liveness-frame.html', import.meta.url), params, frames)
}

/** A queue of this page on `db` (the rescuer), stopped until `start()` unless `autostart`. */
function pageQueue(db: string, options: { lease?: number; autostart?: boolean } = {}) {
  const queue = createQueue({
    handlers: holdHandlers('page'),
    storage: indexedDBStorage({ name: db }),
    leaseDuration: options.lease ?? HOUR,
    autostart: options.autostart ?? false,
  })
  queues.push(queue)
  return queue
}

/** Resolves with the time of the frame's next load, once it has loaded. */
function nextLoad(frame: HTMLIFrameElement): Promise<number> {
  return new Promise((resolve) => frame.addEventListener('load', () => resolve(Date.now()), { once: true }))
}

/**
 * A page closed mid-run while this page runs a queue on the same database: this page reruns
 * the job, spending no attempt. Resolves with the close→rerun latency.
 */
async function closeMidRun(name: string, frameOptions: { lease?: number; locks?: 'off' } = {}): Promise<number> {
  const db = uniqueName(name)
  const runs = runsOn(uniqueName('runs'))
  const rescuer = pageQueue(db, { lease: frameOptions.lease ?? HOUR })
  const frame = await openTab(db, frameOptions)
  const job = await rescuer.add('hold', { channel: runs.name })
  expect(await runs.until(1)).toMatchObject({ id: job.id, page: 'frame' })
  await rescuer.start()

  const closedAt = Date.now()
  frame.remove()
  const rerun = await runs.until(2)
  expect(rerun).toMatchObject({ id: job.id, page: 'page', attempt: 1 })
  runs.release(job.id)
  expect(await job.waitForResult()).toEqual({ page: 'page' })
  expect(await job.refresh()).toMatchObject({ state: 'completed', attempts: 1, stalls: 1, errors: [] })
  expect(runs.runs).toHaveLength(2)
  runs.close()
  return rerun.at - closedAt
}

describe('interrupted runs', () => {
  it('reruns the job of a reloaded page as soon as the page is back, without spending the attempt', async () => {
    const db = uniqueName('reload')
    const runs = runsOn(uniqueName('runs'))
    const adder = pageQueue(db)
    const frame = await openTab(db)
    const job = await adder.add('hold', { channel: runs.name })
    expect(await runs.until(1)).toMatchObject({ id: job.id, page: 'frame', attempt: 1 })

    const loaded = nextLoad(frame)
    frame.contentWindow!.location.reload()
    const loadedAt = await loaded
    const rerun = await runs.until(2)
    expect(rerun).toMatchObject({ id: job.id, page: 'frame', attempt: 1 })
    figures.push(`reload→rerun ${rerun.at - loadedAt} ms`)
    expect(await job.refresh()).toMatchObject({ state: 'active', attempts: 1, stalls: 1 })

    runs.release(job.id)
    expect(await job.waitForResult()).toEqual({ page: 'frame' })
    expect(await job.refresh()).toMatchObject({ state: 'completed', attempts: 1, stalls: 1, errors: [] })
    expect(runs.runs).toHaveLength(2)
    runs.close()
  })

  it('reruns in another open page the job of a page closed mid-run, without spending the attempt', async () => {
    figures.push(`close→rerun in another page ${await closeMidRun('closed')} ms`)
  })

  it('fails with StalledError a job whose every run ends with its page, after maxStalls interruptions', async () => {
    const db = uniqueName('stalls')
    const runs = runsOn(uniqueName('runs'))
    const adder = pageQueue(db)
    const job = await adder.add('hold', { channel: runs.name }, { maxStalls: 2 })
    for (let run = 1; run <= 3; run++) {
      const frame = await openTab(db)
      expect(await runs.until(run)).toMatchObject({ id: job.id, attempt: 1 })
      frame.remove()
    }
    // The next page to start finds the third interruption: one more than maxStalls.
    await openTab(db)
    const failure = await job.waitForResult().then(() => undefined, (error: Error) => error)
    expect(failure?.cause).toMatchObject({ name: StalledError.name })
    expect(await job.refresh()).toMatchObject({ state: 'failed', stalls: 3, attempts: 1, error: { name: 'StalledError' } })
    expect(runs.runs).toHaveLength(3)
    runs.close()
  })

  it('recovers by lease where there are no Web Locks, without spending the attempt', async () => {
    const lease = 1000
    figures.push(`close→rerun by a lease of ${lease} ms ${await closeMidRun('no-locks', { lease, locks: 'off' })} ms`)
  })
})
