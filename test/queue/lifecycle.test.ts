import type { AnyJob, JobState } from 'docket'
import { describe, expect, it } from 'vitest'
import { failFrame, type Jobs } from '../support/jobs'
import { queueFixture } from '../support/queue-fixture'
import { runners } from '../support/runner-option'

describe.each(runners)('a job from add to completed (%s runner)', (runner) => {
  const fixture = queueFixture(runner)

  it('goes waiting → active → completed with every field of the contract', async () => {
    const queue = await fixture.open({ autostart: false })
    const events: string[] = []
    for (const name of ['added', 'active', 'completed', 'failed'] as const) {
      queue.on(name, ({ job }) => events.push(`${name}:${job.state}`))
    }

    const before = Date.now()
    const job = await queue.add('echo', { value: { nested: [1, 'two'] } }, { priority: 3, attempts: 2 })
    const after = Date.now()

    // Stored and waiting: nothing about a run yet.
    expect(job.id).toEqual(expect.any(String))
    expect(job).toMatchObject({
      name: 'echo', queue: 'default', data: { value: { nested: [1, 'two'] } }, state: 'waiting', priority: 3,
      progress: 0, errors: [], attempts: 0, maxAttempts: 2, isSettled: false,
    })
    expect(job.createdAt).toBeGreaterThanOrEqual(before)
    expect(job.createdAt).toBeLessThanOrEqual(after)
    expect(job.runAt).toBe(job.createdAt)
    for (const field of ['result', 'error', 'startedAt', 'settledAt', 'completedAt', 'failedAt', 'canceledAt', 'duration', 'uniqueKey'] as const) {
      expect(job[field], field).toBeUndefined()
    }
    expect(job.isRunning()).toBe(false)
    expect(await job.getState()).toBe('waiting')

    const states: JobState[] = []
    job.on('state', (state: JobState) => states.push(state))
    await queue.start()
    const result = await job.waitForResult()

    // The handler saw the job as stored: its id, name, queue and a 1-based attempt.
    expect(result).toEqual({ value: { nested: [1, 'two'] }, id: job.id, name: 'echo', queue: 'default', attempt: 1, maxAttempts: 2 })
    expect(states).toEqual(['active', 'completed'])
    expect(events).toEqual(['added:waiting', 'active:active', 'completed:completed'])

    // The handle was kept current while the job ran here.
    expect(job).toMatchObject({ state: 'completed', result, attempts: 1, isSettled: true, errors: [] })
    expect(job.error).toBeUndefined()
    expect(job.startedAt).toBeGreaterThanOrEqual(job.runAt)
    expect(job.settledAt).toBeGreaterThanOrEqual(job.startedAt!)
    expect(job.completedAt).toBe(job.settledAt)
    expect(job.duration).toBe(job.settledAt! - job.startedAt!)
    expect(job.failedAt).toBeUndefined()
    expect(job.canceledAt).toBeUndefined()
    expect(job.isRunning()).toBe(false)

    // Storage holds the same snapshot.
    const stored = await queue.get(job.id)
    expect({ ...stored }).toEqual({ ...job })
    expect(await job.getState()).toBe('completed')
    expect(await job.finished()).toEqual(result)
  })

  it('is active while it runs', async () => {
    const queue = await fixture.open()
    const seen = new Promise<AnyJob<Jobs>>((resolve) => queue.on('active', ({ job }) => resolve(job)))
    // Held until the test releases it, which it never does: it still runs while the test looks, and is canceled after.
    const job = await queue.add('gate', { channel: fixture.notes.channel, tag: 'looked at' })
    const active = await seen

    expect(active.id).toBe(job.id)
    expect(active.state).toBe('active')
    expect(active.isRunning()).toBe(true)
    expect(active.attempts).toBe(1)
    expect(active.startedAt).toEqual(expect.any(Number))
    expect(await job.getState()).toBe('active')
    expect((await queue.counts()).active).toBe(1)

    await job.cancel()
    expect(job.state).toBe('canceled')
  })

  it('fails a job whose result cannot be stored, and settles the jobs beside it', async () => {
    const queue = await fixture.open({ concurrency: 4 })
    const before = await queue.add('double', { n: 1 })
    const unstorable = await queue.add('unstorableResult', null, { attempts: 2, backoff: { type: 'fixed', delay: 10 } })
    const after = await queue.add('double', { n: 2 })

    expect(await before.waitForResult()).toBe(2)
    expect(await after.waitForResult()).toBe(4)
    await expect(unstorable.waitForResult()).rejects.toMatchObject({ name: 'JobFailedError' })
    const failed = (await queue.get(unstorable.id))!
    if (runner === 'inline') {
      // Refused by IndexedDB in the group commit, beside the others' settles: that attempt fails
      // alone, and for good, as another attempt would return the same.
      expect(failed).toMatchObject({ state: 'failed', attempts: 1, errors: [{ name: 'StorageError' }] })
    } else {
      // Refused on its way out of the worker already (Comlink: "Unserializable return value"):
      // an attempt that failed, retried as any.
      expect(failed).toMatchObject({ state: 'failed', attempts: 2, errors: [{ name: 'TypeError' }, { name: 'TypeError' }] })
    }
  })

  it('settles as failed with its error when its only attempt throws', async () => {
    const queue = await fixture.open()
    const job = await queue.add('fail', { message: 'bad input' }, { attempts: 1 })
    await expect(job.waitForResult()).rejects.toThrow('bad input')

    expect(job).toMatchObject({ state: 'failed', attempts: 1, maxAttempts: 1, isSettled: true })
    expect(job.error).toMatchObject({ name: 'BadInputError', message: 'bad input', attempt: 1 })
    // The stack of the throw, from the handler's frame (the message is checked above: only V8 repeats it in the stack).
    expect(job.error!.stack).toMatch(failFrame)
    expect(job.errors).toEqual([job.error])
    expect(job.error!.at).toBe(job.failedAt)
    expect(job.failedAt).toBe(job.settledAt)
    expect(job.completedAt).toBeUndefined()
    expect(job.result).toBeUndefined()
    expect(job.duration).toBe(job.settledAt! - job.startedAt!)
  })

  it('resolves waitForResult for a job that settled before the call', async () => {
    const queue = await fixture.open()
    const job = await queue.add('double', { n: 21 })
    await queue.whenIdle()

    const again = await queue.get(job.id)
    expect(again?.state).toBe('completed')
    expect(await again!.waitForResult()).toBe(42)
    // A handle that missed the run catches up through refresh().
    expect((await again!.refresh()).result).toBe(42)
  })

  it('defaults to three attempts, priority 0 and the default queue', async () => {
    const queue = await fixture.open({ autostart: false })
    const job = await queue.add('double', { n: 1 })
    expect(job).toMatchObject({ maxAttempts: 3, priority: 0, queue: 'default' })

    const custom = await fixture.open({ autostart: false, defaults: { attempts: 5, priority: 2 } })
    expect(await custom.add('double', { n: 1 })).toMatchObject({ maxAttempts: 5, priority: 2 })
    expect(await custom.add('double', { n: 1 }, { attempts: 1, queue: 'other' })).toMatchObject({ maxAttempts: 1, queue: 'other' })
  })
})
