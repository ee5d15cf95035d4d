// clean({ state, olderThan, limit }): removes exactly the settled jobs asked for, oldest first.
import { ValidationError } from 'docket'
import { describe, expect, it } from 'vitest'
import { collect } from '../support/queue-events'
import { queueFixture } from '../support/queue-fixture'

const fixture = queueFixture()

const byId = (a: string, b: string): number => a.localeCompare(b)

describe('clean', () => {
  it('removes settled jobs by state, age and limit, and no others', async () => {
    const queue = await fixture.open({ concurrency: 1 })
    const removed = collect(queue, 'removed')
    await queue.pause('held')
    const waiting = await queue.add('identity', 'w', { queue: 'held' })
    const canceled = await queue.add('identity', 'x', { queue: 'held' })
    await canceled.cancel()
    // One at a time, so that they settle in this order.
    const [c1, c2, f1, f2] = await queue.addBulk([
      { name: 'identity', data: 1 },
      { name: 'identity', data: 2 },
      { name: 'failsOnce', data: {}, options: { attempts: 1 } },
      { name: 'failsOnce', data: {}, options: { attempts: 1 } },
    ])
    await Promise.allSettled([c1, c2, f1, f2].map((j) => j!.waitForResult()))
    // Settles a minute after the others by the queue's clock, which the test moves on (no job
    // runs meanwhile) instead of waiting: no step has to finish within a window of real time.
    fixture.clock.advance(60_000)
    const c3 = await queue.add('identity', 3)
    await c3.waitForResult()

    expect(await queue.clean({ state: 'completed', olderThan: 30_000 })).toBe(2)
    expect(removed.map((r) => r.id).sort(byId)).toEqual([c1!.id, c2!.id].sort(byId))

    removed.length = 0
    expect(await queue.clean({ state: 'failed', limit: 1 })).toBe(1)
    expect(removed.map((r) => r.id)).toEqual([f1!.id])

    removed.length = 0
    expect(await queue.clean({ state: ['canceled', 'failed'] })).toBe(2)
    expect(removed.map((r) => r.id).sort(byId)).toEqual([canceled.id, f2!.id].sort(byId))

    const left = (await queue.list()).map((j) => j.id)
    expect(left.sort(byId)).toEqual([waiting.id, c3.id].sort(byId))
    expect(await queue.clean({ state: 'completed', olderThan: 60_000 })).toBe(0)
  })

  it('removes nothing past its limit, even across states', async () => {
    const queue = await fixture.open({ concurrency: 1 })
    const jobs = await queue.addBulk([
      { name: 'identity', data: 1 },
      { name: 'failsOnce', data: {}, options: { attempts: 1 } },
    ])
    await Promise.allSettled(jobs.map((j) => j.waitForResult()))
    expect(await queue.clean({ state: ['completed', 'failed'], limit: 1 })).toBe(1)
    expect((await queue.list()).map((j) => j.id)).toEqual([jobs[1]!.id])
  })

  it('refuses a state that is not settled', async () => {
    const queue = await fixture.open({ autostart: false })
    await queue.add('identity', 1)
    await expect(queue.clean({ state: 'waiting' as never })).rejects.toBeInstanceOf(ValidationError)
    await expect(queue.clean({ state: 'completed', limit: -1 })).rejects.toBeInstanceOf(ValidationError)
    expect(await queue.list()).toHaveLength(1)
  })
})
