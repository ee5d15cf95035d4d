// cancel(): a running job through its signal, a waiting or delayed one at once.
import { JobCanceledError } from 'docket'
import { describe, expect, it } from 'vitest'
import { collect, controlFixture, openQueue } from './support/control-queue'

const t = controlFixture()

describe('cancel', () => {
  it('cancels a running job that honours its signal well within the grace period', async () => {
    const grace = 3000
    const { queue } = openQueue(t.db, { abortGracePeriod: grace })
    const canceled = collect(queue, 'canceled')
    const job = await queue.add('gate', { channel: t.notes.channel, tag: 'a' })
    await t.notes.next('a', 'started')

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
    expect(t.notes.tags('finished')).toEqual([])

    // The queue goes on with its next jobs.
    const next = await queue.add('echo', 'next')
    expect(await next.waitForResult()).toBe('next')
  })

  it('cancels a job that another queue instance on the same database runs', async () => {
    const { queue: runner } = openQueue(t.db, { abortGracePeriod: 2000 })
    const { queue: other } = openQueue(t.db, { autostart: false })
    const job = await runner.add('gate', { channel: t.notes.channel, tag: 'elsewhere' })
    await t.notes.next('elsewhere', 'started')

    const result = await other.cancel(job.id)
    expect(result?.state).toBe('canceled')
    expect((await runner.get(job.id))?.state).toBe('canceled')
    expect(t.notes.tags('finished')).toEqual([])
  })

  it('cancels a waiting job at once: it never runs', async () => {
    const { queue } = openQueue(t.db, { autostart: false })
    const canceled = collect(queue, 'canceled')
    const job = await queue.add('record', { channel: t.notes.channel, tag: 'waiting' })
    const after = await queue.add('record', { channel: t.notes.channel, tag: 'after' })

    const result = await queue.cancel(job.id)
    expect(result?.state).toBe('canceled')
    expect(result?.attempts).toBe(0)
    expect(result?.startedAt).toBeUndefined()
    expect(canceled.map((p) => p.job.id)).toEqual([job.id])
    await expect(job.waitForResult()).rejects.toMatchObject({ name: 'JobCanceledError', jobId: job.id })

    await queue.start()
    expect(await after.waitForResult()).toBe('after')
    await t.notes.next('after', 'ran')
    expect(t.notes.tags('ran')).toEqual(['after'])
    expect((await queue.get(job.id))?.state).toBe('canceled')
  })

  it('cancels a delayed job: it does not run when its time comes', async () => {
    const { queue } = openQueue(t.db)
    const job = await queue.add('record', { channel: t.notes.channel, tag: 'delayed' }, { delay: 300 })
    expect(job.state).toBe('delayed')
    await job.cancel()
    expect(job.state).toBe('canceled')

    // A later job runs after the canceled one's time has passed.
    const later = await queue.add('record', { channel: t.notes.channel, tag: 'later' }, { delay: 400 })
    await later.waitForResult()
    await t.notes.next('later', 'ran')
    expect(t.notes.tags('ran')).toEqual(['later'])
    expect((await queue.get(job.id))?.attempts).toBe(0)
  })

  it('cancels jobs right after adding them, whether or not they have started', async () => {
    const { queue } = openQueue(t.db, { concurrency: 4, abortGracePeriod: 5000 })
    const results = []
    for (let i = 0; i < 12; i++) {
      const job = await queue.add('gate', { channel: t.notes.channel, tag: `j${i}` })
      results.push(job.cancel())
    }
    const jobs = await Promise.all(results)
    expect(jobs.map((j) => j?.state)).toEqual(Array(12).fill('canceled'))
    expect(t.notes.tags('finished')).toEqual([])
  })

  it('leaves a settled job as it is', async () => {
    const { queue } = openQueue(t.db)
    const canceled = collect(queue, 'canceled')
    const job = await queue.add('echo', 1)
    await job.waitForResult()
    await job.cancel()
    expect(job.state).toBe('completed')
    expect((await queue.get(job.id))?.state).toBe('completed')
    expect(canceled).toEqual([])
    expect(await queue.cancel('no-such-id')).toBeUndefined()
  })
})
