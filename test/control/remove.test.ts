// remove(): deletes a job and its logs; a running job is canceled first.
import { JobCanceledError } from 'docket'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeQueues, collect, listen, newDb, openQueue, type Db, type Notes } from './support/control-queue'

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

describe('remove', () => {
  it('deletes a waiting job and its logs: get is undefined, `removed` is emitted, it never runs', async () => {
    const { queue } = openQueue(db, { autostart: false })
    const removed = collect(queue, 'removed')
    const job = await queue.add('record', { channel: notes.channel, tag: 'gone' })
    const kept = await queue.add('record', { channel: notes.channel, tag: 'kept' })
    await job.log('a row')
    const result = job.waitForResult().catch((error: unknown) => error)

    expect(await job.remove()).toBe(true)
    expect(await queue.get(job.id)).toBeUndefined()
    expect(await job.getLogs()).toEqual([])
    expect(removed).toEqual([{ id: job.id }])
    expect(await result).toBeInstanceOf(JobCanceledError)

    await queue.start()
    await kept.waitForResult()
    await notes.next('kept', 'ran')
    expect(notes.tags('ran')).toEqual(['kept'])
    expect((await queue.list()).map((j) => j.id)).toEqual([kept.id])
  })

  it('cancels a running job first, then deletes it', async () => {
    const { queue } = openQueue(db, { abortGracePeriod: 2000 })
    const events: string[] = []
    queue.on('canceled', ({ job }) => events.push(`canceled ${job.id}`))
    queue.on('removed', ({ id }) => events.push(`removed ${id}`))
    const job = await queue.add('gate', { channel: notes.channel, tag: 'running' })
    await notes.next('running', 'started')

    expect(await queue.remove(job.id)).toBe(true)
    expect(events).toEqual([`canceled ${job.id}`, `removed ${job.id}`])
    expect(await queue.get(job.id)).toBeUndefined()
    expect(notes.tags('finished')).toEqual([])
    expect(await queue.counts()).toMatchObject({ active: 0, canceled: 0 })
  })

  it('deletes a settled job, and answers false for an unknown id', async () => {
    const { queue } = openQueue(db)
    const job = await queue.add('echo', 1)
    await job.waitForResult()
    expect(await queue.remove(job.id)).toBe(true)
    expect(await queue.get(job.id)).toBeUndefined()
    expect(await queue.remove(job.id)).toBe(false)
    expect(await queue.remove('no-such-id')).toBe(false)
  })
})
