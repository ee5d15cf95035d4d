// retention: settled jobs past `maxCount` or `maxAge` of their state are removed as jobs
// settle, and no others.
import { describe, expect, it } from 'vitest'
import { collect, nextEvent } from '../support/queue-events'
import { queueFixture, type TestQueue } from '../support/queue-fixture'

const fixture = queueFixture()

const byId = (a: string, b: string): number => a.localeCompare(b)

/** Closes the queue (which finishes its retention passes) and lists what a new instance sees. */
async function idsAfterClose(queue: TestQueue): Promise<string[]> {
  await queue.close()
  const reader = await fixture.open({ autostart: false })
  return (await reader.list()).map((j) => j.id).sort(byId)
}

describe('retention', () => {
  it('completed.maxCount keeps the newest completed jobs and touches no other state', async () => {
    const queue = await fixture.open({ concurrency: 1, retention: { completed: { maxCount: 2 } } })
    const removed = collect(queue, 'removed')
    const failed = await queue.add('failsOnce', {}, { attempts: 1 })
    await failed.waitForResult().catch(() => undefined)
    const canceled = await queue.add('identity', 'x', { delay: 60_000 })
    await canceled.cancel()
    const done = []
    for (let i = 1; i <= 4; i++) {
      const job = await queue.add('identity', i)
      await job.waitForResult()
      done.push(job)
    }
    while (removed.length < 2) await nextEvent(queue, 'removed')

    expect(removed.map((r) => r.id).sort(byId)).toEqual([done[0]!.id, done[1]!.id].sort(byId))
    expect(await idsAfterClose(queue)).toEqual([done[2]!.id, done[3]!.id, failed.id, canceled.id].sort(byId))
  })

  it('failed.maxAge removes failed jobs that settled longer ago, as another job settles', async () => {
    // Far longer than the test runs: jobs age only when the test moves the queue's clock on.
    const maxAge = 60_000
    const queue = await fixture.open({ concurrency: 2, retention: { failed: { maxAge } } })
    const removed = collect(queue, 'removed')
    const old = await queue.addBulk([
      { name: 'failsOnce', data: {}, options: { attempts: 1 } },
      { name: 'failsOnce', data: {}, options: { attempts: 1 } },
    ])
    const completed = await queue.add('identity', 'kept')
    await Promise.allSettled([...old, completed].map((j) => j.waitForResult()))
    const canceled = await queue.add('identity', 'x', { delay: 60_000 })
    await canceled.cancel()
    expect(removed).toEqual([])

    // Fails after the first two are older than maxAge: its settle removes them, not itself.
    fixture.clock.advance(maxAge + 100)
    const fresh = await queue.add('failsOnce', {}, { attempts: 1 })
    const gone = Promise.all([nextEvent(queue, 'removed', (r) => r.id === old[0]!.id), nextEvent(queue, 'removed', (r) => r.id === old[1]!.id)])
    await fresh.waitForResult().catch(() => undefined)
    await gone

    expect(await idsAfterClose(queue)).toEqual([completed.id, canceled.id, fresh.id].sort(byId))
    expect(removed.map((r) => r.id).sort(byId)).toEqual(old.map((j) => j.id).sort(byId))
  })
})
