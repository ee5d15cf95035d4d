// How an outbox classifies what a server answers, each against the real fault server:
// delivered (2xx, 3xx), retried (408, 425, 429 with Retry-After, 5xx, network error, timeout),
// rejected at once with HttpError (any other 4xx).
import { JobFailedError } from 'docket'
import { responseText, type OutboxResponse } from 'docket/outbox'
import { describe, expect, it } from 'vitest'
import { outboxFixture, scenario } from './outbox-fixture'

describe('outbox: what each answer means', () => {
  const fixture = outboxFixture()

  it('2xx: the response is the result, and the request arrived once with its Idempotency-Key', async () => {
    const outbox = fixture.open()
    const target = scenario(['201'])
    const job = await outbox.send({ url: target.url, method: 'POST', body: 'hello' })
    const response = await job.waitForResult()
    expect(response.status).toBe(201)
    expect(responseText(response)).toBe('hello')
    const arrivals = await target.arrivals()
    expect(arrivals.map((arrival) => arrival.key)).toEqual([job.id])
  })

  it('3xx: a redirect is followed and its target answers; a 304 is delivered as it is', async () => {
    const outbox = fixture.open()
    const redirected = await (await outbox.send({ url: scenario(['302']).url })).waitForResult()
    expect([redirected.status, responseText(redirected)]).toEqual([200, 'redirected'])
    const notModified = await (await outbox.send({ url: scenario(['304']).url })).waitForResult()
    expect(notModified.status).toBe(304)
  })

  for (const status of ['408', '425', '429', '500', '503']) {
    it(`${status}: retried, with the same Idempotency-Key, until delivered`, async () => {
      const outbox = fixture.open()
      const target = scenario([status, status])
      const job = await outbox.send({ url: target.url, method: 'PUT', body: 'x' })
      expect((await job.waitForResult()).status).toBe(200)
      await job.refresh()
      // Chromium itself resends a request answered 408 on a reused connection: the outbox may
      // see one failure of the two the server gave, never anything but this status.
      expect(job.errors.length).toBeGreaterThanOrEqual(1)
      expect(job.attempts).toBe(job.errors.length + 1)
      expect(new Set(job.errors.map((error) => `${error.name} ${(error.response as OutboxResponse).status}`))).toEqual(new Set([`HttpError ${status}`]))
      const arrivals = await target.arrivals()
      expect(arrivals.map((arrival) => arrival.answer)).toEqual([status, status, '200'])
      expect(new Set(arrivals.map((arrival) => arrival.key))).toEqual(new Set([job.id]))
    })
  }

  it("429 with Retry-After: the next attempt waits at least the server's seconds", async () => {
    const outbox = fixture.open()
    const target = scenario(['429~120'])
    const retrying = new Promise<{ runAt: number }>((resolve) => outbox.queue.on('retrying', resolve))
    const job = await outbox.send({ url: target.url, method: 'POST', body: 'x' })
    const { runAt } = await retrying
    await job.refresh()
    expect(job.state).toBe('delayed')
    expect(runAt - job.error!.at).toBe(120_000)
    await job.promote()
    expect((await job.waitForResult()).status).toBe(200)
  })

  for (const status of ['400', '401', '404', '409', '422']) {
    it(`${status}: fails at once with HttpError holding the response, and is listed as rejected`, async () => {
      const outbox = fixture.open({ defaults: { attempts: 5, backoff: { type: 'fixed', delay: 0 } } })
      const target = scenario([status])
      const job = await outbox.send({ url: target.url, method: 'POST', body: 'bad' })
      const error = await job.waitForResult().catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(JobFailedError)
      const cause = (error as JobFailedError).cause as { name: string; response: OutboxResponse }
      expect(cause.name).toBe('HttpError')
      expect(cause.response.status).toBe(Number(status))
      expect(responseText(cause.response)).toBe('bad')
      await job.refresh()
      expect([job.state, job.attempts]).toEqual(['failed', 1])
      expect((await outbox.rejected()).map((rejected) => rejected.id)).toEqual([job.id])
      expect(await target.arrivals()).toHaveLength(1)
    })
  }

  it('network error (connection reset): retried as NetworkError, with the same key', async () => {
    const outbox = fixture.open()
    // Browsers resend once by themselves when a reused connection drops: three resets get through.
    const target = scenario(['reset', 'reset', 'reset'])
    const job = await outbox.send({ url: target.url, method: 'POST', body: 'x' })
    expect((await job.waitForResult()).status).toBe(200)
    await job.refresh()
    expect(job.errors.length).toBeGreaterThanOrEqual(1)
    expect(new Set(job.errors.map((error) => error.name))).toEqual(new Set(['NetworkError']))
    expect(new Set((await target.arrivals()).map((arrival) => arrival.key))).toEqual(new Set([job.id]))
  })

  it('timeout: a request that hangs is aborted and retried', async () => {
    const outbox = fixture.open()
    const target = scenario(['hang'])
    const job = await outbox.send({ url: target.url, method: 'POST', body: 'x' }, { timeout: 1000 })
    expect((await job.waitForResult()).status).toBe(200)
    await job.refresh()
    // A busy machine may time out the answered attempt too: every failure is a timeout.
    expect(job.errors.length).toBeGreaterThanOrEqual(1)
    expect(new Set(job.errors.map((error) => error.name))).toEqual(new Set(['TimeoutError']))
    expect((await target.arrivals())[0]!.answer).toBe('hang')
  })
})
