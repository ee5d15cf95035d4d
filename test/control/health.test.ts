// queue.health() and the `stuck` event: no silent stall.
import type { Storage } from 'docket'
import { describe, expect, it } from 'vitest'
import { collect, nextEvent } from '../support/queue-events'
import { queueFixture } from '../support/queue-fixture'

describe('queue.health()', () => {
  const fixture = queueFixture()

  it('says how long the oldest due job waited, what is stuck, blocked and paused', async () => {
    const queue = await fixture.open({ autostart: false })
    const empty = await queue.health()
    expect(empty).toMatchObject({ running: false, oldestDueWait: 0, stuck: 0, blockedKeys: [], paused: { all: false, queues: [] } })
    expect(typeof empty.storage).toBe('object')
    await queue.add('double', { n: 1 })
    await queue.add('double', { n: 2 }, { queue: 'held' })
    await queue.add('double', { n: 3 }, { delay: 60_000 })
    await queue.pause('held')
    fixture.clock.advance(20_000)
    const health = await queue.health()
    expect(health.oldestDueWait).toBeGreaterThanOrEqual(20_000)
    // The paused queue's job waits legitimately; the other has been due for over a third of a lease.
    expect(health).toMatchObject({ stuck: 1, paused: { all: false, queues: ['held'] } })
  })

  it('reports the keys blocked by a failed job', async () => {
    const queue = await fixture.open()
    const job = await queue.add('flaky', { failures: 1 }, { orderingKey: 'note', attempts: 1 })
    await job.waitForResult().catch(() => undefined)
    await queue.whenIdle()
    expect((await queue.health()).blockedKeys).toEqual([{ key: 'note', jobId: job.id }])
  })
})

describe('the stuck event', () => {
  const fixture = queueFixture()

  /** The test's storage, whose next claim after `lose()` misses every due job (a lost wake-up). */
  function losingStorage(): { storage: () => Storage; lose(): void } {
    let losing = false
    const storage = (): Storage => {
      const real = fixture.db.storage()
      return new Proxy(real, {
        get(target, key, receiver) {
          if (key !== 'claim') return Reflect.get(target, key, receiver) as unknown
          return (request: Parameters<Storage['claim']>[0], ...rest: [never?, never?]) => {
            if (!losing || request.limit === 0) return target.claim(request, ...rest)
            losing = false
            return target.claim({ ...request, limit: 0 }, ...rest)
          }
        },
      })
    }
    return { storage, lose: () => void (losing = true) }
  }

  it('fires within a second for a due job a running scheduler did not claim, and never otherwise', async () => {
    const faulty = losingStorage()
    const queue = await fixture.open({ leaseDuration: 600 }, { db: { name: fixture.db.name, storage: faulty.storage } })
    const stuck = collect(queue, 'stuck')
    // A normal run first: nothing is stuck.
    const normal = await queue.addBulk(Array.from({ length: 20 }, (_, n) => ({ name: 'double' as const, data: { n } })))
    await Promise.all(normal.map((job) => job.waitForResult()))
    expect(stuck).toEqual([])

    faulty.lose()
    const addedAt = Date.now()
    const job = await queue.add('double', { n: 21 })
    const event = await nextEvent(queue, 'stuck')
    expect(Date.now() - addedAt).toBeLessThan(1000)
    expect(event.job.id).toBe(job.id)
    expect(event.dueFor).toBeGreaterThan(200)
    expect((await queue.health()).stuck).toBe(1)
    // The next wake claims it.
    await queue.start()
    expect(await job.waitForResult()).toBe(42)
    expect(stuck).toHaveLength(1)
  })
})
