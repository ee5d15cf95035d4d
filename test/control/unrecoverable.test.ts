// UnrecoverableError: a handler that throws it fails its job at once, whatever attempts are
// left. On both runners: inline, and module Web Workers or worker_threads, where the error
// crosses the thread as data and is known by its name.
import { JobFailedError, UnrecoverableError } from 'docket'
import { describe, expect, it } from 'vitest'
import { collect } from '../support/queue-events'
import { queueFixture } from '../support/queue-fixture'
import { runners } from '../support/runner-option'

const backoff = { type: 'fixed', delay: 10 } as const

describe.each(runners)('UnrecoverableError (%s runner)', (runner) => {
  const fixture = queueFixture(runner)

  it('fails the job on its first attempt, with 4 of 5 attempts left, and no retry', async () => {
    const queue = await fixture.open()
    const failed = collect(queue, 'failed')
    const retrying = collect(queue, 'retrying')
    const job = await queue.add('unrecoverable', { message: 'the file is gone' }, { attempts: 5, backoff })

    const error = await job.waitForResult().catch((reason: unknown) => reason)
    expect(error).toBeInstanceOf(JobFailedError)
    expect((error as JobFailedError).cause).toMatchObject({ name: 'UnrecoverableError', message: 'the file is gone' })
    await job.refresh()
    expect(job).toMatchObject({ state: 'failed', attempts: 1, maxAttempts: 5, error: { name: 'UnrecoverableError', message: 'the file is gone' } })
    expect(job.errors.map((e) => e.name)).toEqual(['UnrecoverableError'])
    expect(failed.map((p) => p.willRetry)).toEqual([false])
    expect(retrying).toEqual([])
  })

  it('lets retry() run the job again, with its attempts back', async () => {
    const queue = await fixture.open()
    const job = await queue.add('unrecoverable', { message: 'still gone' }, { attempts: 5, backoff })
    await expect(job.waitForResult()).rejects.toBeInstanceOf(JobFailedError)
    await job.retry()
    await expect(job.waitForResult()).rejects.toBeInstanceOf(JobFailedError)
    expect(await job.refresh()).toMatchObject({ state: 'failed', attempts: 1 })
    expect(job.errors.map((e) => e.name)).toEqual(['UnrecoverableError', 'UnrecoverableError'])
  })
})

describe('the UnrecoverableError class', () => {
  it('has its own name, and is an Error', () => {
    const error = new UnrecoverableError('bad input')
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('UnrecoverableError')
    expect(error.message).toBe('bad input')
  })
})
