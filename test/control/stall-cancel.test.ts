// A job whose cancel was requested while another context ran it, and whose lease then expired
// (that context is gone), is canceled by the sweep: not run again.
import { describe, expect, it } from 'vitest'
import { collect } from '../support/queue-events'
import { queueFixture } from '../support/queue-fixture'

const fixture = queueFixture()

describe('cancel of a job whose owner is gone', () => {
  it('cancels it when its lease expires, instead of running it again', async () => {
    const queue = await fixture.open({ autostart: false, leaseDuration: 150 })
    const canceled = collect(queue, 'canceled')
    const stalled = collect(queue, 'stalled')
    const job = await queue.add('record', { channel: fixture.notes.channel, tag: 'orphan' })

    // Another context claims the job and dies without settling it.
    const ghost = fixture.db.storage()
    const { claimed } = await ghost.claim({ now: Date.now(), owner: 'ghost', leaseMs: 100, limit: 1, queueLimits: {}, online: true, token: () => 'ghost-token' })
    await ghost.close()
    expect(claimed.map((r) => r.id)).toEqual([job.id])

    const result = queue.cancel(job.id)
    await queue.start()
    expect((await result)?.state).toBe('canceled')

    expect(canceled.map((p) => p.job.id)).toEqual([job.id])
    expect(stalled).toEqual([])
    const stored = await queue.get(job.id)
    expect(stored?.state).toBe('canceled')
    expect(stored?.attempts).toBe(1)
    // Something else that runs shows the orphan did not.
    const after = await queue.add('record', { channel: fixture.notes.channel, tag: 'after' })
    await after.waitForResult()
    await fixture.notes.next('after', 'ran')
    expect(fixture.notes.tags('ran')).toEqual(['after'])
  })
})
