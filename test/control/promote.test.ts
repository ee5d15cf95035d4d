// promote(): a delayed job becomes due now.
import { describe, expect, it } from 'vitest'
import { queueFixture } from '../support/queue-fixture'

const fixture = queueFixture()

describe('promote', () => {
  it('runs a delayed job now', async () => {
    const queue = await fixture.open()
    const job = await queue.add('record', { channel: fixture.notes.channel, tag: 'soon' }, { delay: 60_000 })
    expect(job.state).toBe('delayed')

    await job.promote()
    expect(job.state).not.toBe('delayed')
    expect(job.runAt).toBeLessThanOrEqual(Date.now())
    expect(await job.waitForResult()).toBe('soon')
    expect((await job.refresh()).startedAt! - job.createdAt).toBeLessThan(60_000)
  })

  it('leaves a job that is not delayed as it is', async () => {
    const queue = await fixture.open({ autostart: false })
    const job = await queue.add('identity', 1)
    const runAt = job.runAt
    const same = await queue.promote(job.id)
    expect(same?.state).toBe('waiting')
    expect(same?.runAt).toBe(runAt)
    expect(await queue.promote('no-such-id')).toBeUndefined()
  })
})
