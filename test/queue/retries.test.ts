import { JobFailedError, UnknownJobError, type BackoffOptions, type Queue } from 'docket'
import { describe, expect, it } from 'vitest'
import { failFrame, type Jobs } from '../support/jobs'
import { queueFixture } from '../support/queue-fixture'
import { runners } from '../support/runner-option'

interface Observed {
  /** Per scheduled retry: the wait between the failure and the next run. */
  retries: Array<{ attempt: number; wait: number; runAt: number }>
  /** `willRetry` of every `failed` event. */
  willRetry: boolean[]
  /** When each attempt started. */
  starts: number[]
}

function observe(queue: Queue<Jobs>): Observed {
  const seen: Observed = { retries: [], willRetry: [], starts: [] }
  queue.on('retrying', ({ error, runAt }) => {
    seen.retries.push({ attempt: error.attempt, wait: runAt - error.at, runAt })
  })
  queue.on('failed', ({ willRetry }) => seen.willRetry.push(willRetry))
  queue.on('active', ({ job }) => seen.starts.push(job.startedAt!))
  return seen
}

/** Runs `flaky` until it succeeds after `failures` failures, and returns the waits between attempts. */
async function retryWaits(queue: Queue<Jobs>, failures: number, backoff: BackoffOptions): Promise<number[]> {
  const seen = observe(queue)
  const job = await queue.add('flaky', { failures }, { attempts: failures + 1, backoff })
  expect(await job.waitForResult()).toBe(failures + 1)

  expect(job.attempts).toBe(failures + 1)
  expect(job.errors.map((e) => [e.attempt, e.name, e.message])).toEqual(
    Array.from({ length: failures }, (_, i) => [i + 1, 'Error', `attempt ${i + 1} failed`]),
  )
  expect(seen.willRetry).toEqual(Array.from({ length: failures }, () => true))
  expect(seen.retries.map((r) => r.attempt)).toEqual(job.errors.map((e) => e.attempt))
  for (const [i, retry] of seen.retries.entries()) {
    // Each retry is scheduled from the failure, and starts no earlier than scheduled.
    expect(retry.runAt).toBe(job.errors[i]!.at + retry.wait)
    expect(seen.starts[i + 1]).toBeGreaterThanOrEqual(retry.runAt)
  }
  return seen.retries.map((r) => r.wait)
}

describe.each(runners)('retries (%s runner)', (runner) => {
  const fixture = queueFixture(runner)

  it('waits the same delay after each failure with fixed backoff', async () => {
    const queue = await fixture.open()
    expect(await retryWaits(queue, 2, { type: 'fixed', delay: 40 })).toEqual([40, 40])
  })

  it('doubles the wait after each failure with exponential backoff', async () => {
    const queue = await fixture.open()
    expect(await retryWaits(queue, 3, { type: 'exponential', delay: 20 })).toEqual([20, 40, 80])
  })

  it('caps every wait at maxDelay', async () => {
    const queue = await fixture.open()
    expect(await retryWaits(queue, 3, { type: 'exponential', delay: 20, maxDelay: 50 })).toEqual([20, 40, 50])
    expect(await retryWaits(queue, 2, { type: 'fixed', delay: 60, maxDelay: 30 })).toEqual([30, 30])
  })

  it('draws a jittered wait from [d·(1−j), d]', async () => {
    const queue = await fixture.open()
    const fixed = await retryWaits(queue, 3, { type: 'fixed', delay: 40, jitter: 0.5 })
    for (const wait of fixed) {
      expect(wait).toBeGreaterThanOrEqual(20)
      expect(wait).toBeLessThanOrEqual(40)
    }
    // Exponential with maxDelay: the caps are 20, 40, then 50 instead of 80.
    const waits = await retryWaits(queue, 3, { type: 'exponential', delay: 20, jitter: 0.75, maxDelay: 50 })
    for (const [i, cap] of [20, 40, 50].entries()) {
      expect(waits[i]).toBeGreaterThanOrEqual(Math.floor(cap * 0.25))
      expect(waits[i]).toBeLessThanOrEqual(cap)
    }
    // The bounds above hold without jitter too; this does not. A wait rounds to its cap only
    // when the draw takes less than half a millisecond off it: with these six waits all of them
    // do so with a chance of about 1e-10 (0.025³ for the fixed ones, 0.033·0.017·0.013 for the others).
    const caps = [40, 40, 40, 20, 40, 50]
    const belowCap = [...fixed, ...waits].filter((wait, i) => wait < caps[i]!)
    expect(belowCap.length).toBeGreaterThan(0)
  })

  it('rejects waitForResult with JobFailedError once every attempt failed, with the last error as cause', async () => {
    const queue = await fixture.open()
    const seen = observe(queue)
    const job = await queue.add('fail', { message: 'no such image' }, { attempts: 3, backoff: { type: 'fixed', delay: 10 } })
    const error: unknown = await job.waitForResult().catch((e: unknown) => e)

    expect(error).toBeInstanceOf(JobFailedError)
    const failed = error as JobFailedError
    expect(failed.name).toBe('JobFailedError')
    expect(failed.jobId).toBe(job.id)
    expect(failed.message).toContain('no such image')
    // The cause is an Error rebuilt from the stored record: same name, message and stack.
    expect(failed.cause).toBeInstanceOf(Error)
    const cause = failed.cause as Error
    expect(cause.name).toBe('BadInputError')
    expect(cause.message).toBe('no such image')
    expect(cause.stack).toBe(job.error!.stack)
    expect(cause.stack).toMatch(failFrame)

    expect(job).toMatchObject({ state: 'failed', attempts: 3, maxAttempts: 3, isSettled: true })
    expect(job.errors.map((e) => e.attempt)).toEqual([1, 2, 3])
    expect(job.errors.every((e) => e.name === 'BadInputError' && e.message === 'no such image')).toBe(true)
    expect(job.error).toEqual(job.errors[2])
    expect(job.failedAt).toBe(job.errors[2]!.at)
    expect(job.errors[1]!.at).toBeGreaterThanOrEqual(job.errors[0]!.at + 10)
    expect(seen.willRetry).toEqual([true, true, false])
    expect(seen.retries).toHaveLength(2)

    // A handle made after the failure rejects the same way.
    const later = await queue.get(job.id)
    await expect(later!.finished()).rejects.toBeInstanceOf(JobFailedError)
  })

  it('fails a job whose name has no handler at once with UnknownJobError, without retries', async () => {
    const queue = await fixture.open()
    const seen = observe(queue)
    const untyped = queue as unknown as Queue<Record<string, (data: unknown) => unknown>>
    const job = await untyped.add('resize', { width: 10 }, { attempts: 5, backoff: { type: 'fixed', delay: 10 } })
    const error = (await job.waitForResult().catch((e: unknown) => e)) as JobFailedError

    expect(error).toBeInstanceOf(JobFailedError)
    expect((error.cause as Error).name).toBe(new UnknownJobError().name)
    expect((error.cause as Error).message).toContain('resize')
    expect(job).toMatchObject({ state: 'failed', attempts: 1, maxAttempts: 5 })
    expect(job.errors).toHaveLength(1)
    expect(job.error?.name).toBe('UnknownJobError')
    expect(seen.willRetry).toEqual([false])
    expect(seen.retries).toEqual([])
    expect(seen.starts).toHaveLength(1)
  })
})
