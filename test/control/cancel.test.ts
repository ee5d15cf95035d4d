// cancel(): a running job through its signal, a waiting or delayed one at once.
import { JobCanceledError } from 'docket'
import { describe, expect, it } from 'vitest'
import { collect } from '../support/queue-events'
import { queueFixture } from '../support/queue-fixture'

const fixture = queueFixture()

describe('cancel', () => {
  it('cancels a running job that honours its signal well within the grace period', async () => {
    // Longer than the test may run: a cancel that waited for the grace period could not pass
    // in time, and one that did not stays far below half of it however busy the machine.
    const grace = 60_000
    const queue = await fixture.open({ abortGracePeriod: grace })
    const canceled = collect(queue, 'canceled')
    const job = await queue.add('gate', { channel: fixture.notes.channel, tag: 'a' })
    await fixture.notes.next('a', 'started')

    const t0 = performance.now()
    const same = await job.cancel()
    const elapsed = performance.now() - t0

    expect(elapsed).toBeLessThan(grace / 2)
    expect(same).toBe(job)
    expect(job.state).toBe('canceled')
    expect(job.canceledAt).toBeTypeOf('number')
    expect((await queue.get(job.id))?.state).toBe('canceled')
    await expect(job.waitForResult()).rejects.toBeInstanceOf(JobCanceledError)
    expect(canceled.map((p) => p.job.id)).toEqual([job.id])
    expect(fixture.notes.tags('finished')).toEqual([])

    // The queue goes on with its next jobs.
    const next = await queue.add('identity', 'next')
    expect(await next.waitForResult()).toBe('next')
  })

  it('cancels a job that another queue instance on the same database runs', async () => {
    const runner = await fixture.open({ abortGracePeriod: 2000 })
    const other = await fixture.open({ autostart: false })
    const job = await runner.add('gate', { channel: fixture.notes.channel, tag: 'elsewhere' })
    await fixture.notes.next('elsewhere', 'started')

    const result = await other.cancel(job.id)
    expect(result?.state).toBe('canceled')
    expect((await runner.get(job.id))?.state).toBe('canceled')
    expect(fixture.notes.tags('finished')).toEqual([])
  })

  it('cancels a waiting job at once: it never runs', async () => {
    const queue = await fixture.open({ autostart: false })
    const canceled = collect(queue, 'canceled')
    const job = await queue.add('record', { channel: fixture.notes.channel, tag: 'waiting' })
    const after = await queue.add('record', { channel: fixture.notes.channel, tag: 'after' })

    const result = await queue.cancel(job.id)
    expect(result?.state).toBe('canceled')
    expect(result?.attempts).toBe(0)
    expect(result?.startedAt).toBeUndefined()
    expect(canceled.map((p) => p.job.id)).toEqual([job.id])
    await expect(job.waitForResult()).rejects.toMatchObject({ name: 'JobCanceledError', jobId: job.id })

    await queue.start()
    expect(await after.waitForResult()).toBe('after')
    await fixture.notes.next('after', 'ran')
    expect(fixture.notes.tags('ran')).toEqual(['after'])
    expect((await queue.get(job.id))?.state).toBe('canceled')
  })

  it('cancels a delayed job: it does not run when its time comes', async () => {
    // Not started until the cancel is in: on a busy machine the 300 ms may pass before it.
    const queue = await fixture.open({ autostart: false })
    const job = await queue.add('record', { channel: fixture.notes.channel, tag: 'delayed' }, { delay: 300 })
    expect(job.state).toBe('delayed')
    await job.cancel()
    expect(job.state).toBe('canceled')
    await queue.start()

    // A later job runs after the canceled one's time has passed.
    const later = await queue.add('record', { channel: fixture.notes.channel, tag: 'later' }, { delay: 400 })
    await later.waitForResult()
    await fixture.notes.next('later', 'ran')
    expect(fixture.notes.tags('ran')).toEqual(['later'])
    expect((await queue.get(job.id))?.attempts).toBe(0)
  })

  it('cancels jobs right after adding them, whether or not they have started', async () => {
    const queue = await fixture.open({ concurrency: 4, abortGracePeriod: 5000 })
    const results = []
    for (let i = 0; i < 12; i++) {
      const job = await queue.add('gate', { channel: fixture.notes.channel, tag: `j${i}` })
      results.push(job.cancel())
    }
    const jobs = await Promise.all(results)
    expect(jobs.map((j) => j?.state)).toEqual(Array(12).fill('canceled'))
    expect(fixture.notes.tags('finished')).toEqual([])
  })

  it('leaves a settled job as it is', async () => {
    const queue = await fixture.open()
    const canceled = collect(queue, 'canceled')
    const job = await queue.add('identity', 1)
    await job.waitForResult()
    await job.cancel()
    expect(job.state).toBe('completed')
    expect((await queue.get(job.id))?.state).toBe('completed')
    expect(canceled).toEqual([])
    expect(await queue.cancel('no-such-id')).toBeUndefined()
  })
})
