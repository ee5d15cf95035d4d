// remove(): deletes a job and its logs; a running job is canceled first.
import { JobCanceledError } from 'docket'
import { describe, expect, it } from 'vitest'
import { collect } from '../support/queue-events'
import { queueFixture } from '../support/queue-fixture'

const fixture = queueFixture()

describe('remove', () => {
  it('deletes a waiting job and its logs: get is undefined, `removed` is emitted, it never runs', async () => {
    const queue = await fixture.open({ autostart: false })
    const removed = collect(queue, 'removed')
    const job = await queue.add('record', { channel: fixture.notes.channel, tag: 'gone' })
    const kept = await queue.add('record', { channel: fixture.notes.channel, tag: 'kept' })
    await job.log('a row')
    const result = job.waitForResult().catch((error: unknown) => error)

    expect(await job.remove()).toBe(true)
    expect(await queue.get(job.id)).toBeUndefined()
    expect(await job.getLogs()).toEqual([])
    expect(removed).toEqual([{ id: job.id }])
    expect(await result).toBeInstanceOf(JobCanceledError)

    await queue.start()
    await kept.waitForResult()
    await fixture.notes.next('kept', 'ran')
    expect(fixture.notes.tags('ran')).toEqual(['kept'])
    expect((await queue.list()).map((j) => j.id)).toEqual([kept.id])
  })

  it('cancels a running job first, then deletes it', async () => {
    const queue = await fixture.open({ abortGracePeriod: 2000 })
    const events: string[] = []
    queue.on('canceled', ({ job }) => events.push(`canceled ${job.id}`))
    queue.on('removed', ({ id }) => events.push(`removed ${id}`))
    const job = await queue.add('gate', { channel: fixture.notes.channel, tag: 'running' })
    await fixture.notes.next('running', 'started')

    expect(await queue.remove(job.id)).toBe(true)
    expect(events).toEqual([`canceled ${job.id}`, `removed ${job.id}`])
    expect(await queue.get(job.id)).toBeUndefined()
    expect(fixture.notes.tags('finished')).toEqual([])
    expect(await queue.counts()).toMatchObject({ active: 0, canceled: 0 })
  })

  it('deletes a settled job, and answers false for an unknown id', async () => {
    const queue = await fixture.open()
    const job = await queue.add('identity', 1)
    await job.waitForResult()
    expect(await queue.remove(job.id)).toBe(true)
    expect(await queue.get(job.id)).toBeUndefined()
    expect(await queue.remove(job.id)).toBe(false)
    expect(await queue.remove('no-such-id')).toBe(false)
  })
})
