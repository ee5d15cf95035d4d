// Per-key order under retries: requests of one orderingKey reach the server one at a time, in
// the order sent, even when the first is answered 503 and retried (the job option
// `orderingKey` of "Order and pace").
import { describe, expect, it } from 'vitest'
import { outboxFixture, scenario } from './outbox-fixture'

describe('outbox: ordering keys', () => {
  const fixture = outboxFixture()

  it('requests of a key arrive in the order sent, a retried one before those after it; other keys are not held', async () => {
    const outbox = fixture.open({ autostart: false, concurrency: 4 })
    // One scenario: the server answers its first request 503 twice, then 200 to all.
    const target = scenario(['503', '503'])
    const sent = []
    for (const step of ['a1', 'a2', 'a3']) sent.push(await outbox.send({ url: target.url, method: 'POST', body: step }, { orderingKey: 'note:a' }))
    const other = await outbox.send({ url: scenario().url, method: 'POST', body: 'b1' }, { orderingKey: 'note:b' })
    await outbox.drain()
    for (const job of [...sent, other]) expect((await job.waitForResult()).status).toBe(200)
    const bodies = (await target.arrivals()).map((arrival) => atob(arrival.body))
    expect(bodies).toEqual(['a1', 'a1', 'a1', 'a2', 'a3'])
  })
})
