// pause/resume: stored, so a paused queue stays paused for a new queue instance (a reload)
// and for other contexts on the same database.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeQueues, collect, listen, nextEvent, newDb, openQueue, type Db, type Notes } from './support/control-queue'

let db: Db
let notes: Notes

beforeEach(async () => {
  db = await newDb()
  notes = listen()
})

afterEach(async () => {
  await closeQueues()
  notes.close()
})

describe('pause and resume', () => {
  it('holds new jobs as waiting, also in a new queue on the same database; resume runs them', async () => {
    const { queue: first } = openQueue(db)
    const paused = collect(first, 'paused')
    await first.pause()
    expect(paused).toEqual([{}])
    const job = await first.add('record', { channel: notes.channel, tag: 'held' })
    await first.whenIdle()
    expect(await job.getState()).toBe('waiting')
    await first.close()

    const { queue: second } = openQueue(db)
    const resumed = collect(second, 'resumed')
    await second.whenIdle()
    const stored = await second.get(job.id)
    expect(stored?.state).toBe('waiting')
    expect(stored?.attempts).toBe(0)

    await second.resume()
    expect(resumed).toEqual([{}])
    expect(await stored!.waitForResult()).toBe('held')
    await notes.next('held', 'ran')
    expect(notes.tags('ran')).toEqual(['held'])
  })

  it('pauses one named queue without holding another', async () => {
    const { queue } = openQueue(db)
    const paused = collect(queue, 'paused')
    const resumed = collect(queue, 'resumed')
    await queue.pause('a')
    const a = await queue.add('record', { channel: notes.channel, tag: 'a' }, { queue: 'a' })
    const b = await queue.add('record', { channel: notes.channel, tag: 'b' }, { queue: 'b' })

    expect(await b.waitForResult()).toBe('b')
    await queue.whenIdle()
    expect(await a.getState()).toBe('waiting')

    await queue.resume('a')
    expect(await a.waitForResult()).toBe('a')
    expect(paused).toEqual([{ queue: 'a' }])
    expect(resumed).toEqual([{ queue: 'a' }])
  })

  it('lets a running job finish', async () => {
    const { queue } = openQueue(db)
    const job = await queue.add('gate', { channel: notes.channel, tag: 'running' })
    await notes.next('running', 'started')
    await queue.pause()
    notes.release('running')
    expect(await job.waitForResult()).toEqual({ tag: 'running', attempt: 1 })
  })

  it('holds another queue instance open on the same database, and resumes it', async () => {
    const { queue: one } = openQueue(db)
    const { queue: two } = openQueue(db)
    const heard = nextEvent(two, 'paused')
    await one.pause()
    expect(await heard).toEqual({})

    const job = await two.add('record', { channel: notes.channel, tag: 'other' })
    await Promise.all([one.whenIdle(), two.whenIdle()])
    expect(await job.getState()).toBe('waiting')

    await one.resume()
    expect(await job.waitForResult()).toBe('other')
  })
})
