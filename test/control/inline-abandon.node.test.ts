// What inline handlers cannot do: they run in the queue's own thread, so they can only be
// aborted through their signal. One that ignores it is abandoned after the grace period (its
// job settles and the queue goes on) but keeps running until it returns by itself. A
// synchronous busy loop inline cannot even be abandoned: it blocks the thread, timers
// included, until it ends. Only `worker` queues stop such handlers (by terminating the worker).
import { describe, expect, it } from 'vitest'
import { queueFixture } from '../support/queue-fixture'

const fixture = queueFixture('inline')

describe('an inline handler that ignores its signal', () => {
  it('is abandoned after the grace period, not stopped', async () => {
    const grace = 100
    const queue = await fixture.open({ abortGracePeriod: grace })
    // Held until the test releases it, whatever its signal says.
    const job = await queue.add('ignore', { channel: fixture.notes.channel, tag: 'i' })
    await fixture.notes.next('i', 'started')

    const t0 = performance.now()
    await job.cancel()
    const elapsed = performance.now() - t0
    expect(elapsed).toBeGreaterThanOrEqual(grace - 10)
    // Canceled while the handler still runs: it cannot end before the release below.
    expect(job.state).toBe('canceled')
    expect(fixture.notes.tags('finished')).toEqual([])

    // The queue goes on while the abandoned handler still runs.
    const next = await queue.add('identity', 'next')
    expect(await next.waitForResult()).toBe('next')

    // Let go, it runs to its end anyway; its late return changes nothing.
    fixture.notes.release('i')
    await fixture.notes.next('i', 'finished')
    expect(await job.getState()).toBe('canceled')
  })
})
