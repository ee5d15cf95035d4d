// update(data): only before the job starts; otherwise a ValidationError.
import { ValidationError } from 'docket'
import { describe, expect, it } from 'vitest'
import { controlFixture, openQueue } from './support/control-queue'

const t = controlFixture()

describe('update', () => {
  it('changes what runs when the job has not started', async () => {
    const { queue } = openQueue(t.db, { autostart: false })
    const job = await queue.add('record', { channel: t.notes.channel, tag: 'old' })
    await job.update({ channel: t.notes.channel, tag: 'new' })
    expect(job.data).toEqual({ channel: t.notes.channel, tag: 'new' })
    expect((await queue.get(job.id))?.data).toEqual({ channel: t.notes.channel, tag: 'new' })

    await queue.start()
    expect(await job.waitForResult()).toBe('new')
    await t.notes.next('new', 'ran')
    expect(t.notes.tags('ran')).toEqual(['new'])
  })

  it('changes a delayed job', async () => {
    const { queue } = openQueue(t.db)
    const job = await queue.add('echo', 'old', { delay: 300 })
    await job.update('new')
    expect(await job.waitForResult()).toBe('new')
  })

  it('is refused once the job has started, and after it settled', async () => {
    const { queue } = openQueue(t.db)
    const data = { channel: t.notes.channel, tag: 'running' }
    const job = await queue.add('gate', data)
    await t.notes.next('running', 'started')
    await expect(job.update({ ...data, tag: 'changed' })).rejects.toBeInstanceOf(ValidationError)
    expect((await queue.get(job.id))?.data).toEqual(data)

    t.notes.release('running')
    expect(await job.waitForResult()).toEqual({ tag: 'running', attempt: 1 })
    await expect(job.update({ ...data, tag: 'late' })).rejects.toThrow(/not to have started/)
  })

  it('is refused for a job waiting for its retry', async () => {
    const { queue } = openQueue(t.db)
    const job = await queue.add('failsOnce', {}, { attempts: 2, backoff: { type: 'fixed', delay: 60_000 } })
    await new Promise<void>((resolve) => queue.on('retrying', ({ job: j }) => j.id === job.id && resolve()))
    await expect(job.update({})).rejects.toBeInstanceOf(ValidationError)
  })

  it('rejects data that cannot be stored, and changes nothing', async () => {
    const { queue } = openQueue(t.db, { autostart: false })
    const job = await queue.add('echo', 'kept')
    await expect(job.update(() => 1)).rejects.toBeInstanceOf(ValidationError)
    expect((await queue.get(job.id))?.data).toBe('kept')
  })
})
