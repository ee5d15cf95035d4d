// retry(): a failed or canceled job runs again as the same job, with a fresh attempt budget.
import { JobFailedError, ValidationError } from 'docket'
import { describe, expect, it } from 'vitest'
import { queueFixture } from '../support/queue-fixture'

const fixture = queueFixture()

describe('retry', () => {
  it('runs a failed job again: same id, attempt 1 again, errors kept, error and result cleared', async () => {
    const queue = await fixture.open({ concurrency: 1 })
    const job = await queue.add('failsOnce', {}, { attempts: 1 })
    await expect(job.waitForResult()).rejects.toBeInstanceOf(JobFailedError)
    await job.refresh()
    expect(job.state).toBe('failed')
    expect(job.error?.message).toBe('first run fails')

    await job.retry()
    expect(job.state).toBe('waiting')
    expect(job.attempts).toBe(0)
    expect(job.error).toBeUndefined()
    expect(job.result).toBeUndefined()
    expect(job.failedAt).toBeUndefined()
    expect(job.settledAt).toBeUndefined()
    expect(job.errors.map((e) => [e.message, e.attempt])).toEqual([['first run fails', 1]])

    // The second run of this id in the same thread (the pool kept its worker) succeeds.
    expect(await job.waitForResult()).toEqual({ attempt: 1, runs: 2 })
    await job.refresh()
    expect(job.state).toBe('completed')
    expect(job.attempts).toBe(1)
    expect(job.errors).toHaveLength(1)
    expect(await queue.list()).toHaveLength(1)
  })

  it('runs a canceled job again', async () => {
    const queue = await fixture.open({ autostart: false })
    const job = await queue.add('record', { channel: fixture.notes.channel, tag: 'again' })
    await job.cancel()
    const again = await queue.retry(job.id)
    expect(again?.state).toBe('waiting')
    await queue.start()
    expect(await job.waitForResult()).toBe('again')
    await fixture.notes.next('again', 'ran')
    expect(fixture.notes.tags('ran')).toEqual(['again'])
  })

  it('refuses a job that has not settled as failed or canceled', async () => {
    const queue = await fixture.open({ autostart: false })
    const waiting = await queue.add('identity', 1)
    await expect(waiting.retry()).rejects.toBeInstanceOf(ValidationError)
    await queue.start()
    await waiting.waitForResult()
    await expect(queue.retry(waiting.id)).rejects.toThrow(/'failed' or 'canceled'.*'completed'/)
    expect(await queue.retry('no-such-id')).toBeUndefined()
  })
})
