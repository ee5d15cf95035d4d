// update(data): only before the job starts; otherwise a ValidationError.
import { ValidationError } from 'docket'
import { describe, expect, it } from 'vitest'
import { queueFixture } from '../support/queue-fixture'

const fixture = queueFixture()

describe('update', () => {
  it('changes what runs when the job has not started', async () => {
    const queue = await fixture.open({ autostart: false })
    const job = await queue.add('record', { channel: fixture.notes.channel, tag: 'old' })
    await job.update({ channel: fixture.notes.channel, tag: 'new' })
    expect(job.data).toEqual({ channel: fixture.notes.channel, tag: 'new' })
    expect((await queue.get(job.id))?.data).toEqual({ channel: fixture.notes.channel, tag: 'new' })

    await queue.start()
    expect(await job.waitForResult()).toBe('new')
    await fixture.notes.next('new', 'ran')
    expect(fixture.notes.tags('ran')).toEqual(['new'])
  })

  it('changes a delayed job', async () => {
    const queue = await fixture.open()
    const job = await queue.add('identity', 'old', { delay: 60_000 })
    await job.update('new')
    // Its minute passes on the queue's clock; start() (already started) looks for due jobs.
    fixture.clock.advance(60_000)
    await queue.start()
    expect(await job.waitForResult()).toBe('new')
  })

  it('is refused once the job has started, and after it settled', async () => {
    const queue = await fixture.open()
    const data = { channel: fixture.notes.channel, tag: 'running' }
    const job = await queue.add('gate', data)
    await fixture.notes.next('running', 'started')
    await expect(job.update({ ...data, tag: 'changed' })).rejects.toBeInstanceOf(ValidationError)
    expect((await queue.get(job.id))?.data).toEqual(data)

    fixture.notes.release('running')
    expect(await job.waitForResult()).toEqual({ tag: 'running', attempt: 1 })
    await expect(job.update({ ...data, tag: 'late' })).rejects.toThrow(/not to have started/)
  })

  it('is refused for a job waiting for its retry', async () => {
    const queue = await fixture.open()
    const job = await queue.add('failsOnce', {}, { attempts: 2, backoff: { type: 'fixed', delay: 60_000 } })
    await new Promise<void>((resolve) => queue.on('retrying', ({ job: j }) => j.id === job.id && resolve()))
    await expect(job.update({})).rejects.toBeInstanceOf(ValidationError)
  })

  it('rejects data that cannot be stored, and changes nothing', async () => {
    const queue = await fixture.open({ autostart: false })
    const job = await queue.add('identity', 'kept')
    await expect(job.update(() => 1)).rejects.toBeInstanceOf(ValidationError)
    expect((await queue.get(job.id))?.data).toBe('kept')
  })
})
