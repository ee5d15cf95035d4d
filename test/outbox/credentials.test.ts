// Secrets at rest: Authorization, Cookie and Proxy-Authorization never reach IndexedDB unless
// the outbox names them in `storeCredentials`; `beforeSend` adds fresh ones to each attempt.
import { ValidationError } from 'docket'
import { createOutbox } from 'docket/outbox'
import { describe, expect, it } from 'vitest'
import { everythingStored, outboxFixture, scenario, stringsIn } from './outbox-fixture'

const secrets = { authorization: 'Bearer secret-token-1', cookie: 'session=secret-cookie-2', 'proxy-authorization': 'Basic secret-proxy-3' }
const secretWords = ['secret-token-1', 'secret-cookie-2', 'secret-proxy-3']

describe('outbox: credentials are not stored', () => {
  const fixture = outboxFixture()

  it('no credential header, as a Request or as headers, reaches IndexedDB, before or after delivery', async () => {
    const outbox = fixture.open({ autostart: false })
    const target = scenario(['503'])
    await outbox.send({ url: target.url, method: 'POST', headers: { ...secrets, 'x-kept': 'yes' }, body: 'x' })
    await outbox.send(new Request(target.url, { method: 'POST', headers: secrets, body: 'y' }))
    const leaks = (): string[] => stringsIn(everythingStoredNow).filter((text) => secretWords.some((word) => text.includes(word)))
    let everythingStoredNow = await everythingStored(fixture.db)
    expect(stringsIn(everythingStoredNow)).toContain('x-kept')
    expect(leaks()).toEqual([])
    // After a failed attempt (its error and response are stored too) and the delivery.
    await outbox.drain()
    everythingStoredNow = await everythingStored(fixture.db)
    expect(leaks()).toEqual([])
  })

  it('beforeSend adds a fresh token to every attempt, and the server gets it', async () => {
    let issued = 0
    const outbox = fixture.open({
      beforeSend: (_request, info) => ({ headers: { authorization: `Bearer fresh-${++issued}-attempt-${info.attempt}` } }),
    })
    const target = scenario(['503'])
    const job = await outbox.send({ url: target.url, method: 'POST', headers: { authorization: 'Bearer stale' }, body: 'x' })
    await job.waitForResult()
    const arrivals = await target.arrivals()
    expect(arrivals.map((arrival) => arrival.headers.authorization)).toEqual(['Bearer fresh-1-attempt-1', 'Bearer fresh-2-attempt-2'])
    expect(stringsIn(await everythingStored(fixture.db)).filter((text) => text.includes('fresh-') || text.includes('stale'))).toEqual([])
  })

  it('beforeSend may return a whole new Request instead', async () => {
    const outbox = fixture.open({
      beforeSend: (request) => {
        const headers = new Headers(request.headers)
        headers.set('authorization', 'Bearer whole')
        return new Request(request, { headers })
      },
    })
    const target = scenario()
    await (await outbox.send({ url: target.url, method: 'POST', body: 'x' })).waitForResult()
    const [arrival] = await target.arrivals()
    expect([arrival!.headers.authorization, atob(arrival!.body)]).toEqual(['Bearer whole', 'x'])
  })

  it('storeCredentials keeps the headers it names (any case), and only those', async () => {
    const outbox = fixture.open({ autostart: false, storeCredentials: ['Authorization'] })
    const target = scenario()
    const job = await outbox.send({ url: target.url, method: 'POST', headers: { authorization: 'Bearer kept', 'proxy-authorization': 'Basic dropped' }, body: 'x' })
    expect(job.data.headers.filter(([name]) => name.includes('authorization'))).toEqual([['authorization', 'Bearer kept']])
    await outbox.drain()
    expect((await target.arrivals())[0]!.headers.authorization).toBe('Bearer kept')
  })

  it('storeCredentials names only credential headers: anything else is a ValidationError', () => {
    expect(() => createOutbox({ storeCredentials: ['x-api-key'] })).toThrow(ValidationError)
    expect(() => createOutbox({ storeCredentials: ['x-api-key'] })).toThrow('Expected `storeCredentials[0]` to be one of authorization, cookie, proxy-authorization, got "x-api-key"')
    // A misspelt option is named, not ignored (a credential would be dropped silently otherwise).
    expect(() => createOutbox({ storeCredential: ['authorization'] } as never)).toThrow('Expected `options` to be only known options (storage, concurrency, defaults, queues, autostart, beforeSend, storeCredentials, fetch, bodyReadTimeout), got "storeCredential"')
  })
})
