import { ValidationError } from 'docket'
import { describe, expect, it } from 'vitest'
import { queueFixture } from '../support/queue-fixture'

// Reads do not depend on the runner: the inline one keeps these fast.
describe('list and counts', () => {
  const fixture = queueFixture('inline')

  async function filled() {
    const queue = await fixture.open({ autostart: false })
    const a = await queue.add('double', { n: 1 })
    const b = await queue.add('double', { n: 2 }, { queue: 'images' })
    const c = await queue.add('echo', { value: 3 }, { queue: 'images' })
    const d = await queue.add('double', { n: 4 }, { delay: 60_000 })
    const e = await queue.add('fail', { message: 'x' }, { queue: 'images', attempts: 1 })
    return { queue, a, b, c, d, e }
  }

  it('filters by state, queue and name, and orders by creation', async () => {
    const { queue, a, b, c, d, e } = await filled()
    await queue.start()
    await Promise.all([a.waitForResult(), b.waitForResult(), c.waitForResult(), e.waitForResult().catch(() => undefined)])
    const ids = async (options?: Parameters<typeof queue.list>[0]) => (await queue.list(options)).map((job) => job.id)

    expect(await ids()).toEqual([a, b, c, d, e].map((j) => j.id))
    expect(await ids({ order: 'desc' })).toEqual([e, d, c, b, a].map((j) => j.id))
    expect(await ids({ state: 'completed' })).toEqual([a, b, c].map((j) => j.id))
    expect(await ids({ state: ['delayed', 'failed'] })).toEqual([d, e].map((j) => j.id))
    expect(await ids({ queue: 'images' })).toEqual([b, c, e].map((j) => j.id))
    expect(await ids({ name: 'double' })).toEqual([a, b, d].map((j) => j.id))
    expect(await ids({ queue: 'images', name: 'double', state: 'completed' })).toEqual([b.id])
    expect(await ids({ state: 'waiting' })).toEqual([])
  })

  it('pages with limit and offset, 50 by default', async () => {
    const queue = await fixture.open({ autostart: false })
    const added = await queue.addBulk(Array.from({ length: 60 }, (_, n) => ({ name: 'double' as const, data: { n } })))
    const ids = added.map((job) => job.id)

    expect((await queue.list()).map((job) => job.id)).toEqual(ids.slice(0, 50))
    expect((await queue.list({ limit: 5, offset: 10 })).map((job) => job.id)).toEqual(ids.slice(10, 15))
    expect((await queue.list({ limit: 5, offset: 10, order: 'desc' })).map((job) => job.id)).toEqual(ids.slice().reverse().slice(10, 15))
    expect(await queue.list({ offset: 60 })).toEqual([])
  })

  it('counts every state, per named queue or in all', async () => {
    const { queue, a, b, c, e } = await filled()
    expect(await queue.counts()).toEqual({ blocked: 0, waiting: 4, delayed: 1, active: 0, completed: 0, failed: 0, canceled: 0 })

    await queue.start()
    await Promise.all([a.waitForResult(), b.waitForResult(), c.waitForResult(), e.waitForResult().catch(() => undefined)])
    expect(await queue.counts()).toEqual({ blocked: 0, waiting: 0, delayed: 1, active: 0, completed: 3, failed: 1, canceled: 0 })
    expect(await queue.counts({ queue: 'images' })).toEqual({ blocked: 0, waiting: 0, delayed: 0, active: 0, completed: 2, failed: 1, canceled: 0 })
    expect(await queue.counts({ queue: 'none' })).toEqual({ blocked: 0, waiting: 0, delayed: 0, active: 0, completed: 0, failed: 0, canceled: 0 })
  })

  it('rejects bad list options with ValidationError', async () => {
    const queue = await fixture.open({ autostart: false })
    await expect(queue.list({ state: 'done' as 'failed' })).rejects.toThrow(ValidationError)
    await expect(queue.list({ limit: 0 })).rejects.toThrow('`limit`')
    await expect(queue.list({ offset: -1 })).rejects.toThrow('`offset`')
    await expect(queue.list({ order: 'up' as 'asc' })).rejects.toThrow('`order`')
  })
})
