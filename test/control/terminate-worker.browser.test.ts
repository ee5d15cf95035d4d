// A handler that ignores its signal (a synchronous busy loop) is stopped by terminating its
// worker after `abortGracePeriod`; the pool starts a new worker for the next job.
import { JobCanceledError, JobFailedError } from 'docket'
import { describe, expect, it } from 'vitest'
import { collect } from '../support/queue-events'
import { queueFixture } from '../support/queue-fixture'

const grace = 300
// Far longer than any test: only terminating the worker ends this loop.
const forever = 60_000

const fixture = queueFixture()

describe('a handler that ignores its signal', () => {
  it('is canceled by terminating its worker after the grace period; the next job runs on a new worker', async () => {
    const queue = await fixture.open({ abortGracePeriod: grace, concurrency: 1 })
    const canceled = collect(queue, 'canceled')
    const job = await queue.add('busy', { channel: fixture.notes.channel, tag: 'spin', ms: forever })
    await fixture.notes.next('spin', 'started')
    expect(fixture.workersStarted).toBe(1)

    const t0 = performance.now()
    await job.cancel()
    const elapsed = performance.now() - t0

    expect(elapsed).toBeGreaterThanOrEqual(grace - 20)
    // Terminated, not waited for: the loop would spin for `forever`. (A bound of the grace period
    // plus some slack would fail whenever a busy machine is slow to end and replace a worker.)
    expect(elapsed).toBeLessThan(forever)
    expect(job.state).toBe('canceled')
    expect(canceled.map((p) => p.job.id)).toEqual([job.id])
    await expect(job.waitForResult()).rejects.toBeInstanceOf(JobCanceledError)

    const next = await queue.add('identity', 'after')
    expect(await next.waitForResult()).toBe('after')
    expect(fixture.workersStarted).toBe(2)
    expect(fixture.notes.tags('finished')).toEqual([])
  })

  it('is stopped by its timeout: the attempt fails with TimeoutError and the queue goes on', async () => {
    const queue = await fixture.open({ abortGracePeriod: grace, concurrency: 1 })
    const failed = collect(queue, 'failed')
    const job = await queue.add('busy', { channel: fixture.notes.channel, tag: 'spin', ms: forever }, { timeout: 100, attempts: 1 })

    const error = await job.waitForResult().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(JobFailedError)
    expect((error as JobFailedError).cause).toMatchObject({ name: 'TimeoutError' })
    await job.refresh()
    expect(job.state).toBe('failed')
    expect(job.errors.map((e) => [e.name, e.attempt])).toEqual([['TimeoutError', 1]])
    // Not settled before the timeout and the grace period both ran out.
    expect(job.failedAt! - job.startedAt!).toBeGreaterThanOrEqual(100 + grace - 20)
    expect(failed.map((p) => [p.job.id, p.willRetry])).toEqual([[job.id, false]])

    const next = await queue.add('identity', 'after')
    expect(await next.waitForResult()).toBe('after')
    expect(fixture.workersStarted).toBe(2)
    expect(fixture.notes.tags('finished')).toEqual([])
  })

  it('is deferred by stop() once the timeout and the grace period have passed', async () => {
    const queue = await fixture.open({ abortGracePeriod: grace, concurrency: 1 })
    const job = await queue.add('busy', { channel: fixture.notes.channel, tag: 'spin', ms: forever })
    await fixture.notes.next('spin', 'started')

    const t0 = performance.now()
    await queue.stop({ timeout: 50 })
    expect(performance.now() - t0).toBeGreaterThanOrEqual(50 + grace - 20)

    await job.refresh()
    expect(job.state).toBe('waiting')
    expect(job.attempts).toBe(0)
    expect(job.errors).toEqual([])
  })
})
