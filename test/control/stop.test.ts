// stop({ timeout }): waits for running jobs, then defers the rest to `waiting` without
// counting their attempt; start() again after stop(); close() twice.
import { describe, expect, it } from 'vitest'
import { collect } from '../support/queue-events'
import { queueFixture } from '../support/queue-fixture'

const fixture = queueFixture()

describe('stop', () => {
  it('defers an unfinished job, which a new queue then runs with its attempt count unchanged', async () => {
    const first = await fixture.open({ abortGracePeriod: 1000 })
    const settled = [...collect(first, 'failed'), ...collect(first, 'canceled')]
    const job = await first.add('gate', { channel: fixture.notes.channel, tag: 's' })
    expect((await fixture.notes.next('s', 'started')).attempt).toBe(1)

    const t0 = performance.now()
    await first.stop({ timeout: 50 })
    expect(performance.now() - t0).toBeGreaterThanOrEqual(45)
    await job.refresh()
    expect(job.state).toBe('waiting')
    expect(job.attempts).toBe(0)
    expect(job.errors).toEqual([])
    expect(settled).toEqual([])
    await first.close()

    const second = await fixture.open()
    expect((await fixture.notes.next('s', 'started', 2)).attempt).toBe(1)
    fixture.notes.release('s')
    const again = await second.get(job.id)
    expect(await again!.waitForResult()).toEqual({ tag: 's', attempt: 1 })
    expect((await again!.refresh()).attempts).toBe(1)
  })

  it('waits for a running job that finishes within the timeout', async () => {
    const queue = await fixture.open()
    const job = await queue.add('gate', { channel: fixture.notes.channel, tag: 'w' })
    await fixture.notes.next('w', 'started')
    const stopped = queue.stop({ timeout: 10_000 })
    fixture.notes.release('w')
    await stopped
    await job.refresh()
    expect(job.state).toBe('completed')
    expect(job.attempts).toBe(1)
  })

  it('runs jobs again after start()', async () => {
    const queue = await fixture.open()
    await queue.stop()
    const job = await queue.add('record', { channel: fixture.notes.channel, tag: 'later' })
    await queue.whenIdle()
    expect(await job.getState()).toBe('waiting')
    await queue.start()
    expect(await job.waitForResult()).toBe('later')
  })

  it('closes twice without error, and refuses start() once closed', async () => {
    const queue = await fixture.open()
    await queue.add('identity', 1)
    await Promise.all([queue.close(), queue.close()])
    await queue.close()
    await expect(queue.start()).rejects.toThrow(/closed/)
  })
})
