// `ttl` on outbox requests: a request not sent within its ttl is never sent, and is listed by
// `rejected()` with ExpiredError. Time passes on the test clock, never by waiting.
import { describe, expect, it } from 'vitest'
import { testClock } from '../support/test-clock'
import { outboxFixture, scenario } from './outbox-fixture'

describe('outbox: ttl', () => {
  const fixture = outboxFixture()
  const clock = testClock()

  it('never sends a request queued past its ttl, and lists it as rejected', async () => {
    try {
      const outbox = fixture.open({ autostart: false, defaults: { ttl: 3_600_000 } })
      const target = scenario()
      const stale = await outbox.send({ url: target.url, method: 'POST', body: 'monday' }, { ttl: 60_000 })
      const byDefault = await outbox.send({ url: target.url, method: 'POST', body: 'default' })
      expect(byDefault.expiresAt).toBe(byDefault.createdAt + 3_600_000)
      clock.advance(61_000)
      const fresh = await outbox.send({ url: target.url, method: 'POST', body: 'friday' }, { ttl: 60_000 })
      await outbox.drain()
      const bodies = (await target.arrivals()).map((arrival) => arrival.key)
      expect(bodies).toEqual([byDefault.id, fresh.id])
      const rejected = await outbox.rejected()
      expect(rejected.map((job) => job.id)).toEqual([stale.id])
      expect(rejected[0]!.error).toMatchObject({ name: 'ExpiredError' })
      await expect(outbox.send({ url: target.url }, { ttl: 0 })).rejects.toThrow('Expected `ttl` to be a finite number >= 1, got 0')
    } finally {
      clock.restore()
    }
  })
})
