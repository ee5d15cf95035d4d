// pause/resume: stored, so a paused queue stays paused for a new queue instance (a reload)
// and for other contexts on the same database.
import { describe, expect, it } from 'vitest'
import { collect, nextEvent } from '../support/queue-events'
import { queueFixture } from '../support/queue-fixture'

const fixture = queueFixture()

describe('pause and resume', () => {
  it('holds new jobs as waiting, also in a new queue on the same database; resume runs them', async () => {
    const first = await fixture.open()
    const paused = collect(first, 'paused')
    await first.pause()
    expect(paused).toEqual([{}])
    const job = await first.add('record', { channel: fixture.notes.channel, tag: 'held' })
    await first.whenIdle()
    expect(await job.getState()).toBe('waiting')
    await first.close()

    const second = await fixture.open()
    const resumed = collect(second, 'resumed')
    await second.whenIdle()
    const stored = await second.get(job.id)
    expect(stored?.state).toBe('waiting')
    expect(stored?.attempts).toBe(0)

    await second.resume()
    expect(resumed).toEqual([{}])
    expect(await stored!.waitForResult()).toBe('held')
    await fixture.notes.next('held', 'ran')
    expect(fixture.notes.tags('ran')).toEqual(['held'])
  })

  it('pauses one named queue without holding another', async () => {
    const queue = await fixture.open()
    const paused = collect(queue, 'paused')
    const resumed = collect(queue, 'resumed')
    await queue.pause('a')
    const a = await queue.add('record', { channel: fixture.notes.channel, tag: 'a' }, { queue: 'a' })
    const b = await queue.add('record', { channel: fixture.notes.channel, tag: 'b' }, { queue: 'b' })

    expect(await b.waitForResult()).toBe('b')
    await queue.whenIdle()
    expect(await a.getState()).toBe('waiting')

    await queue.resume('a')
    expect(await a.waitForResult()).toBe('a')
    expect(paused).toEqual([{ queue: 'a' }])
    expect(resumed).toEqual([{ queue: 'a' }])
  })

  it('lets a running job finish', async () => {
    const queue = await fixture.open()
    const job = await queue.add('gate', { channel: fixture.notes.channel, tag: 'running' })
    await fixture.notes.next('running', 'started')
    await queue.pause()
    fixture.notes.release('running')
    expect(await job.waitForResult()).toEqual({ tag: 'running', attempt: 1 })
  })

  it('holds another queue instance open on the same database, and resumes it', async () => {
    const one = await fixture.open()
    const two = await fixture.open()
    const heard = nextEvent(two, 'paused')
    await one.pause()
    expect(await heard).toEqual({})

    const job = await two.add('record', { channel: fixture.notes.channel, tag: 'other' })
    await Promise.all([one.whenIdle(), two.whenIdle()])
    expect(await job.getState()).toBe('waiting')

    await one.resume()
    expect(await job.waitForResult()).toBe('other')
  })
})
