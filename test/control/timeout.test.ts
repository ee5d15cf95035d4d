// `timeout`: the attempt's signal aborts with a TimeoutError, the attempt fails with it, and
// the retry policy decides what comes next.
import { JobFailedError } from 'docket'
import { describe, expect, it } from 'vitest'
import { collect } from '../support/queue-events'
import { queueFixture } from '../support/queue-fixture'

const fixture = queueFixture()

describe('timeout', () => {
  it('fails the attempt with TimeoutError and retries it while attempts remain', async () => {
    const queue = await fixture.open({ abortGracePeriod: 1000 })
    const failed = collect(queue, 'failed')
    const retrying = collect(queue, 'retrying')
    const job = await queue.add('slowFirst', {}, { timeout: 100, attempts: 2, backoff: { type: 'fixed', delay: 10 } })

    expect(await job.waitForResult()).toBe(2)
    await job.refresh()
    expect(job.state).toBe('completed')
    expect(job.attempts).toBe(2)
    expect(job.errors.map((e) => [e.name, e.attempt])).toEqual([['TimeoutError', 1]])
    // The timeout did not fire early.
    expect(job.errors[0]!.at - job.createdAt).toBeGreaterThanOrEqual(100)
    expect(failed.map((p) => [p.error.name, p.willRetry])).toEqual([['TimeoutError', true]])
    expect(retrying.map((p) => p.error.name)).toEqual(['TimeoutError'])
  })

  it('settles as failed with TimeoutError when no attempt remains', async () => {
    const queue = await fixture.open({ abortGracePeriod: 1000 })
    const job = await queue.add('slowFirst', {}, { timeout: 50, attempts: 1 })

    const error = await job.waitForResult().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(JobFailedError)
    expect((error as JobFailedError).cause).toMatchObject({ name: 'TimeoutError' })
    await job.refresh()
    expect(job.state).toBe('failed')
    expect(job.error?.name).toBe('TimeoutError')
    expect(job.errors).toHaveLength(1)
  })

  it('takes the timeout from the queue defaults', async () => {
    const queue = await fixture.open({ abortGracePeriod: 1000, defaults: { timeout: 50, attempts: 1 } })
    const job = await queue.add('slowFirst', {})
    await expect(job.waitForResult()).rejects.toBeInstanceOf(JobFailedError)
    expect((await job.refresh()).error?.name).toBe('TimeoutError')
    // A job that finishes in time is not touched by its timeout.
    const quick = await queue.add('identity', 'quick')
    expect(await quick.waitForResult()).toBe('quick')
  })
})
