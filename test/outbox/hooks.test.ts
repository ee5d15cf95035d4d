// The hooks users ask for: a request derived from an earlier response of its key (a
// server-assigned id), and lists of what is pending and what was rejected.
import { ValidationError } from 'docket'
import { responseJson } from 'docket/outbox'
import { describe, expect, it } from 'vitest'
import { outboxFixture, scenario } from './outbox-fixture'

describe('outbox: hooks and lists', () => {
  const fixture = outboxFixture()

  it('beforeSend derives a later request of a key from the previous response (a server-assigned id)', async () => {
    const outbox = fixture.open({
      async beforeSend(request, info) {
        const previous = await info.previous()
        if (!previous || !request.url.includes('tmp-id')) return
        const { id } = responseJson<{ id: number }>(previous)
        return { url: request.url.replace('tmp-id', String(id)) }
      },
    })
    // The fault server answers with the body it got: the "server" assigns id 42.
    const create = scenario()
    const first = await outbox.send({ url: create.url, method: 'POST', body: JSON.stringify({ id: 42 }) }, { orderingKey: 'note:tmp-id' })
    await first.waitForResult()
    const update = scenario([], '/notes/tmp-id')
    const second = await outbox.send({ url: update.url, method: 'PUT', body: '{}' }, { orderingKey: 'note:tmp-id' })
    await second.waitForResult()
    expect((await update.arrivals()).map((arrival) => arrival.path)).toEqual([new URL(update.url).pathname.replace('tmp-id', '42')])
  })

  it('pending() lists what is not delivered yet; rejected() what failed for good', async () => {
    const outbox = fixture.open({ autostart: false })
    const ok = await outbox.send({ url: scenario().url, method: 'POST', body: 'a' })
    const bad = await outbox.send({ url: scenario(['400']).url, method: 'POST', body: 'b' })
    expect((await outbox.pending()).map((job) => job.id)).toEqual([ok.id, bad.id])
    expect(await outbox.rejected()).toEqual([])
    await outbox.drain()
    expect(await outbox.pending()).toEqual([])
    expect((await outbox.rejected()).map((job) => [job.id, job.error?.name])).toEqual([[bad.id, 'HttpError']])
  })

  it('idempotencyKey: the caller\'s key is sent instead of the job id', async () => {
    const outbox = fixture.open()
    const target = scenario(['503'])
    const job = await outbox.send({ url: target.url, method: 'POST', body: 'x' }, { idempotencyKey: 'op-7' })
    await job.waitForResult()
    expect((await target.arrivals()).map((arrival) => arrival.key)).toEqual(['op-7', 'op-7'])
  })

  it('bad input is a ValidationError naming it, and nothing is stored', async () => {
    const outbox = fixture.open({ autostart: false })
    await expect(outbox.send({} as never)).rejects.toThrow('Expected `request` to be a Request or { url, method?, headers?, body? }, got an object')
    await expect(outbox.send({ url: scenario().url, method: 'GET', body: 'x' })).rejects.toThrow(ValidationError)
    await expect(outbox.send({ url: scenario().url }, { idempotencyKey: 7 } as never)).rejects.toThrow('Expected `idempotencyKey` to be a non-empty string, got 7')
    await expect(outbox.send({ url: scenario().url }, { orderingKey: '' })).rejects.toThrow('Expected `orderingKey` to be a non-empty string, got ""')
    await expect(outbox.send({ url: scenario().url }, { attempts: 0 })).rejects.toThrow('Expected `attempts` to be an integer >= 1, got 0')
    expect(await outbox.pending()).toEqual([])
  })
})
