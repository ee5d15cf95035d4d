import { describe, expect, it } from 'vitest'
import { queueFixture } from '../support/queue-fixture'
import { runners } from '../support/runner-option'

describe.each(runners)('unique jobs (%s runner)', (runner) => {
  const fixture = queueFixture(runner)

  it('stores one job for 20 concurrent adds with one unique key, and emits duplicate for the others', async () => {
    const queue = await fixture.open({ autostart: false })
    let added = 0
    const duplicates: string[] = []
    queue.on('added', () => added++)
    queue.on('duplicate', ({ job }) => duplicates.push(job.id))

    const jobs = await Promise.all(Array.from({ length: 20 }, (_, n) => queue.add('double', { n }, { unique: { key: 'report' } })))

    const ids = new Set(jobs.map((job) => job.id))
    expect(ids.size).toBe(1)
    expect(await queue.list()).toHaveLength(1)
    expect((await queue.counts()).waiting).toBe(1)
    expect(added).toBe(1)
    expect(duplicates).toEqual(Array.from({ length: 19 }, () => jobs[0]!.id))
    expect(jobs[0]!.uniqueKey).toBe('report')

    await queue.start()
    expect(await jobs[0]!.waitForResult()).toBe(jobs[0]!.data.n * 2)
  })

  it('stores one job when two queues on one database add the same key at once', async () => {
    const tabs = [await fixture.open({ autostart: false }), await fixture.open({ autostart: false })]
    const jobs = await Promise.all(Array.from({ length: 20 }, (_, i) => tabs[i % 2]!.add('double', { n: 1 }, { unique: true })))

    expect(new Set(jobs.map((job) => job.id)).size).toBe(1)
    expect(await tabs[0]!.list()).toHaveLength(1)
  })

  it('keys `unique: true` by name and data, whatever the order of the data keys', async () => {
    const queue = await fixture.open({ autostart: false })
    const a = await queue.add('stamp', { ms: 1, tag: 'x' }, { unique: true })
    const b = await queue.add('stamp', { tag: 'x', ms: 1 }, { unique: true })
    const c = await queue.add('stamp', { ms: 2, tag: 'x' }, { unique: true })
    const d = await queue.add('sleep', { ms: 1 }, { unique: true })

    expect(b.id).toBe(a.id)
    expect(new Set([a.id, c.id, d.id]).size).toBe(3)
    expect((await queue.counts()).waiting).toBe(3)
  })

  // The first job is held until the test releases it, which it never does: it is canceled once the test has looked.
  it('with scope pending, blocks while a job waits or runs, and not once it settled', async () => {
    const queue = await fixture.open()
    const active = new Promise<void>((resolve) => queue.on('active', () => resolve()))
    const first = await queue.add('gate', { channel: fixture.notes.channel, tag: 'first' }, { unique: { key: 'k', scope: 'pending' } })
    expect((await queue.add('sleep', { ms: 1 }, { unique: { key: 'k' } })).id).toBe(first.id)
    await active
    expect((await queue.add('sleep', { ms: 1 }, { unique: { key: 'k' } })).id).toBe(first.id)

    await first.cancel()
    const next = await queue.add('sleep', { ms: 1 }, { unique: { key: 'k' } })
    expect(next.id).not.toBe(first.id)
    expect(await next.waitForResult()).toBe(1)
  })

  it('with scope waiting, lets a new job in once the first one started', async () => {
    const queue = await fixture.open({ concurrency: 1 })
    const unique = { key: 'w', scope: 'waiting' as const }
    const active = new Promise<void>((resolve) => queue.on('active', () => resolve()))
    const first = await queue.add('gate', { channel: fixture.notes.channel, tag: 'first' }, { unique })
    await active

    const second = await queue.add('sleep', { ms: 1 }, { unique })
    expect(second.id).not.toBe(first.id)
    // The second waits behind the first (concurrency 1), so it blocks a third.
    const third = await queue.add('sleep', { ms: 1 }, { unique })
    expect(third.id).toBe(second.id)
    await first.cancel()
    expect(await second.waitForResult()).toBe(1)
  })

  it('with a window scope, blocks even after the job settled, within the window', async () => {
    const queue = await fixture.open()
    // A window longer than the epoch's age so far: the test never crosses a window's edge.
    const unique = { key: 'daily', scope: { window: 1e13 } }
    const first = await queue.add('double', { n: 1 }, { unique })
    await first.waitForResult()
    const again = await queue.add('double', { n: 2 }, { unique })
    expect(again.id).toBe(first.id)
    expect(again.state).toBe('completed')
  })

  it('returns the existing job for an id that exists', async () => {
    const queue = await fixture.open({ autostart: false })
    const duplicates: string[] = []
    queue.on('duplicate', ({ job }) => duplicates.push(job.id))
    const first = await queue.add('double', { n: 1 }, { id: 'my-id' })
    const again = await queue.add('double', { n: 2 }, { id: 'my-id' })

    expect(first.id).toBe('my-id')
    expect(again.id).toBe('my-id')
    expect(again.data).toEqual({ n: 1 })
    expect(duplicates).toEqual(['my-id'])
  })
})
