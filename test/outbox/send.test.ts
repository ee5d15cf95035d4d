// Sends that arrive together are stored together (one transaction while another is in flight),
// yet each resolves to its own job, in the order sent, and each request is delivered once.
import { describe, expect, it } from 'vitest'
import { outboxFixture, scenario } from './outbox-fixture'

describe('outbox: many sends at once', () => {
  const fixture = outboxFixture()

  it('50 sends at once: each its own job, stored in the order sent, each delivered once', async () => {
    const outbox = fixture.open({ autostart: false })
    const target = scenario()
    const jobs = await Promise.all(Array.from({ length: 50 }, (_, index) => outbox.send({ url: target.url, method: 'POST', body: String(index) })))
    expect(new Set(jobs.map((job) => job.id)).size).toBe(50)
    expect(jobs.map((job) => new TextDecoder().decode(job.data.body))).toEqual(Array.from({ length: 50 }, (_, index) => String(index)))
    expect((await outbox.pending({ limit: 100 })).map((job) => job.id)).toEqual(jobs.map((job) => job.id))
    await outbox.drain()
    const keys = (await target.arrivals()).map((arrival) => arrival.key)
    expect(keys.length).toBe(50)
    expect(new Set(keys)).toEqual(new Set(jobs.map((job) => job.id)))
  })

  it('a send with an id already stored, among others at once, resolves to the stored job; the others are added', async () => {
    const outbox = fixture.open({ autostart: false })
    const target = scenario()
    const first = await outbox.send({ url: target.url, method: 'POST', body: 'first' }, { id: 'fixed' })
    const [again, other] = await Promise.all([
      outbox.send({ url: target.url, method: 'POST', body: 'again' }, { id: 'fixed' }),
      outbox.send({ url: target.url, method: 'POST', body: 'other' }),
    ])
    expect(again.id).toBe(first.id)
    expect(new TextDecoder().decode(again.data.body)).toBe('first')
    expect((await outbox.pending()).map((job) => job.id)).toEqual([first.id, other.id])
  })
})
