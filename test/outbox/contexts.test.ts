// Two contexts on one outbox database, as a page and its service worker (or two tabs): one
// only sends, the other delivers, and the response reaches the sender's job and events.
import type { OutboxResponse } from 'docket/outbox'
import { describe, expect, it } from 'vitest'
import { outboxFixture, scenario } from './outbox-fixture'

describe('outbox: across contexts', () => {
  const fixture = outboxFixture()

  it("a page sends, another context delivers: the response reaches the page's job and its events, once", async () => {
    const page = fixture.open({ autostart: false })
    const heard = new Promise<{ id: string; result: OutboxResponse }>((resolve) => page.queue.on('completed', ({ job, result }) => resolve({ id: job.id, result })))
    const target = scenario(['503'])
    const job = await page.send({ url: target.url, method: 'POST', body: 'from the page' })
    const deliverer = fixture.open()
    await deliverer.drain()
    const response = await job.waitForResult()
    expect(response.status).toBe(200)
    const event = await heard
    expect([event.id, event.result.status]).toEqual([job.id, 200])
    expect((await target.arrivals()).map((arrival) => [arrival.key, arrival.answer])).toEqual([[job.id, '503'], [job.id, '200']])
  })

  it('two contexts draining at once deliver each request once', async () => {
    const first = fixture.open({ autostart: false })
    const second = fixture.open({ autostart: false })
    const target = scenario()
    const jobs = []
    for (let index = 0; index < 20; index++) jobs.push(await first.send({ url: target.url, method: 'POST', body: String(index) }))
    await Promise.all([first.drain(), second.drain()])
    await Promise.all(jobs.map((job) => job.waitForResult()))
    const keys = (await target.arrivals()).map((arrival) => arrival.key)
    expect(keys.length).toBe(20)
    expect(new Set(keys)).toEqual(new Set(jobs.map((job) => job.id)))
  })
})
