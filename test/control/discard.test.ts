// discard(): no further attempts after the current one.
import { JobFailedError } from 'docket'
import { describe, expect, it } from 'vitest'
import { collect } from '../support/queue-events'
import { queueFixture } from '../support/queue-fixture'

const fixture = queueFixture()

const backoff = { type: 'fixed', delay: 10 } as const

describe('discard', () => {
  it('lets a running attempt finish, then gives no further attempt', async () => {
    const queue = await fixture.open()
    const failed = collect(queue, 'failed')
    const job = await queue.add('gate', { channel: fixture.notes.channel, tag: 'd', fail: 'boom' }, { attempts: 3, backoff })
    await fixture.notes.next('d', 'started')

    await job.discard()
    fixture.notes.release('d')
    await expect(job.waitForResult()).rejects.toBeInstanceOf(JobFailedError)
    await job.refresh()
    expect(job.state).toBe('failed')
    expect(job.attempts).toBe(1)
    expect(job.maxAttempts).toBe(3)
    expect(failed.map((p) => p.willRetry)).toEqual([false])
    expect(fixture.notes.tags('started')).toEqual(['d'])
  })

  it('limits a job that has not started to one attempt', async () => {
    const queue = await fixture.open({ autostart: false })
    const job = await queue.add('failsOnce', {}, { attempts: 3, backoff })
    await job.discard()
    expect(job.state).toBe('waiting')
    await queue.start()
    await expect(job.waitForResult()).rejects.toBeInstanceOf(JobFailedError)
    expect((await job.refresh()).attempts).toBe(1)
  })

  it('does not change a job that succeeds', async () => {
    const queue = await fixture.open()
    const job = await queue.add('gate', { channel: fixture.notes.channel, tag: 'ok' })
    await fixture.notes.next('ok', 'started')
    await job.discard()
    fixture.notes.release('ok')
    expect(await job.waitForResult()).toEqual({ tag: 'ok', attempt: 1 })
  })
})
