// start() called while stop() waits for running jobs: found by the simulation (test/sim), where
// the start claimed each job that the stop gave back, and the stop gave it back again, forever.
import { describe, expect, it } from 'vitest'
import { queueFixture } from '../support/queue-fixture'

const fixture = queueFixture()

describe('start during stop', () => {
  it('takes effect once the stop is done: the deferred job runs again once', async () => {
    const queue = await fixture.open({ abortGracePeriod: 1000 })
    const job = await queue.add('gate', { channel: fixture.notes.channel, tag: 'r' })
    expect((await fixture.notes.next('r', 'started')).attempt).toBe(1)

    const stopped = queue.stop({ timeout: 50 })
    await queue.start()
    await stopped
    // The stop deferred the run without counting it; the start that came meanwhile runs it again.
    expect((await fixture.notes.next('r', 'started', 2)).attempt).toBe(1)
    fixture.notes.release('r')
    expect(await job.waitForResult()).toEqual({ tag: 'r', attempt: 1 })
    expect((await job.refresh()).attempts).toBe(1)
  })

  it('is called off by a stop that follows it', async () => {
    const queue = await fixture.open({ abortGracePeriod: 1000 })
    const job = await queue.add('gate', { channel: fixture.notes.channel, tag: 'o' })
    await fixture.notes.next('o', 'started')
    const first = queue.stop({ timeout: 50 })
    await queue.start()
    await Promise.all([first, queue.stop({ timeout: 50 })])
    await queue.whenIdle()
    expect(await job.getState()).toBe('waiting')
    expect((await job.refresh()).attempts).toBe(0)
  })
})
