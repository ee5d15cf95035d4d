// What inline handlers cannot do: they run in the queue's own thread, so they can only be
// aborted through their signal. One that ignores it is abandoned after the grace period (its
// job settles and the queue goes on) but keeps running until it returns by itself. A
// synchronous busy loop inline cannot even be abandoned: it blocks the thread, timers
// included, until it ends. Only `worker` queues stop such handlers (by terminating the worker).
import { describe, expect, it } from 'vitest'
import { controlFixture, openQueue } from './support/control-queue'

const t = controlFixture()

describe('an inline handler that ignores its signal', () => {
  it('is abandoned after the grace period, not stopped', async () => {
    const grace = 100
    const { queue } = openQueue(t.db, { abortGracePeriod: grace }, 'inline')
    const job = await queue.add('ignore', { channel: t.notes.channel, tag: 'i', ms: 1000 })
    await t.notes.next('i', 'started')

    const t0 = performance.now()
    await job.cancel()
    const elapsed = performance.now() - t0
    expect(elapsed).toBeGreaterThanOrEqual(grace - 10)
    expect(elapsed).toBeLessThan(1000)
    expect(job.state).toBe('canceled')
    expect(t.notes.tags('finished')).toEqual([])

    // The queue goes on while the abandoned handler still runs.
    const next = await queue.add('echo', 'next')
    expect(await next.waitForResult()).toBe('next')

    // It ran to its end anyway; its late return changes nothing.
    await t.notes.next('i', 'finished')
    expect(await job.getState()).toBe('canceled')
  })
})
