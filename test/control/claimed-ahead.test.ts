// Jobs claimed ahead (prefetch) are not running: shown and counted as waiting, their attempt
// unspent, and a pause gives them back so that none starts after `pause()` (issue 30, defects 2–3).
import { describe, expect, it } from 'vitest'
import { queueFixture, type TestQueue } from '../support/queue-fixture'

const fixture = queueFixture()
const tags = Array.from({ length: 10 }, (_, i) => `job-${i}`)

async function backlog(queue: TestQueue) {
  return queue.addBulk(tags.map((tag) => ({ name: 'gate' as const, data: { channel: fixture.notes.channel, tag } })))
}

/** Running jobs as the queue shows them: its counts and its list of active jobs. */
async function shownActive(queue: TestQueue) {
  const [counts, active] = await Promise.all([queue.counts(), queue.list({ state: 'active' })])
  return { counted: counts.active, listed: active.map((job) => (job.data as { tag: string }).tag), waiting: counts.waiting }
}

describe('jobs claimed ahead', () => {
  it('are shown and counted as waiting: `active` is what runs, one at a time with concurrency 1', async () => {
    const queue = await fixture.open({ concurrency: 1 })
    const jobs = await backlog(queue)
    for (const [i, tag] of tags.entries()) {
      await fixture.notes.next(tag, 'started')
      // A job started from the ones claimed ahead is stored as started in the group commit of
      // the settle whose slot it took: once that settle is committed, so is the start.
      if (i > 0) await jobs[i - 1]!.waitForResult()
      expect(await shownActive(queue)).toEqual({ counted: 1, listed: [tag], waiting: tags.length - i - 1 })
      const waiting = await queue.list({ state: 'waiting', limit: 20 })
      // A job claimed ahead has not spent an attempt.
      expect(waiting.every((job) => job.attempts === 0)).toBe(true)
      fixture.notes.release(tag)
    }
    await queue.whenIdle()
    expect((await queue.counts()).completed).toBe(tags.length)
  })

  it('go back to waiting on pause(): none starts after it resolves, and resume() runs them', async () => {
    const queue = await fixture.open({ concurrency: 1 })
    const jobs = await backlog(queue)
    // Two starts: by the second the scheduler has seen a backlog and claimed ahead.
    await fixture.notes.next(tags[0]!, 'started')
    fixture.notes.release(tags[0]!)
    await fixture.notes.next(tags[1]!, 'started')
    await queue.pause()
    fixture.notes.release(tags[1]!)
    expect(await jobs[1]!.waitForResult()).toEqual({ tag: tags[1], attempt: 1 })
    await queue.whenIdle()
    expect(fixture.notes.tags('started')).toEqual(tags.slice(0, 2))
    const counts = await queue.counts()
    expect({ active: counts.active, waiting: counts.waiting }).toEqual({ active: 0, waiting: 8 })
    expect((await queue.list({ state: 'waiting', limit: 20 })).map((job) => job.attempts)).toEqual(Array(8).fill(0))

    await queue.resume()
    for (const tag of tags.slice(2)) {
      await fixture.notes.next(tag, 'started')
      fixture.notes.release(tag)
    }
    expect(await jobs[9]!.waitForResult()).toEqual({ tag: tags[9], attempt: 1 })
  })
})
