// Hostile sends (issue 31, defects 4 and 5): what the outbox cannot send is refused with a
// `ValidationError` naming the part, a body that never ends does not hold the sends after it,
// and a normal request is still delivered afterwards.
import { createOutbox, type Outbox } from 'docket/outbox'
import { memoryStorage, ValidationError } from 'docket'
import { describe, expect, it } from 'vitest'
import { outboxFixture, scenario } from '../outbox/outbox-fixture'

/** Whether this engine sends a `ReadableStream` as a streamed body (Chromium, Node), not as the text "[object ReadableStream]". */
const streamsBodies = ((): boolean => {
  let asked = false
  const init = { method: 'POST', body: new ReadableStream(), get duplex() { asked = true; return 'half' } }
  const typed = new Request('https://example.com/', init as RequestInit).headers.has('content-type')
  return asked && !typed
})()

/** A request whose body stream never ends. */
function endlessRequest(url: string): Request {
  const body = new ReadableStream<Uint8Array>({ pull: () => new Promise<void>(() => undefined) })
  return new Request(url, { method: 'POST', body, duplex: 'half' } as RequestInit)
}

/** A normal request is delivered by `outbox`. */
async function normalSendDelivered(outbox: Outbox): Promise<void> {
  const target = scenario()
  const job = await outbox.send({ url: target.url, method: 'POST', body: 'normal' })
  await outbox.drain()
  expect((await job.waitForResult()).status).toBe(200)
  expect(await target.arrivals()).toHaveLength(1)
}

const refused: Array<[string, RegExp, () => Parameters<Outbox['send']>[0]]> = [
  ['a javascript: URL', /`request.url`/, () => ({ url: 'javascript:alert(1)' })],
  ['a file: URL', /`request.url`/, () => ({ url: 'file:///etc/passwd', method: 'POST', body: 'x' })],
  ['an ftp: URL', /`request.url`/, () => ({ url: 'ftp://example.com/x' })],
  ['a data: URL', /`request.url`/, () => ({ url: 'data:text/plain,hello' })],
  ['a Request to a data: URL', /`request.url`/, () => new Request('data:text/plain,hello')],
  ['a plain object body', /`request.body`/, () => ({ url: scenario().url, method: 'POST', body: { a: 1 } as never })],
  ['an array body', /`request.body`/, () => ({ url: scenario().url, method: 'POST', body: [1, 2] as never })],
]

describe('outbox: hostile sends', () => {
  const fixture = outboxFixture()

  it.each(refused)('refuses %s with a ValidationError, stores nothing, and still delivers', async (_label, names, make) => {
    const outbox = fixture.open({ autostart: false })
    const error = await outbox.send(make()).then(() => undefined, (caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as Error).message).toMatch(names)
    expect(await outbox.pending()).toEqual([])
    await normalSendDelivered(outbox)
  })

  it.skipIf(!streamsBodies)('bounds the read of a body that never ends, and the sends after it go on', async () => {
    const outbox = fixture.open({ autostart: false, bodyReadTimeout: 200 })
    const target = scenario()
    const stuck = outbox.send(endlessRequest(target.url)).then(() => undefined, (caught: unknown) => caught)
    const later = outbox.send({ url: target.url, method: 'POST', body: 'later' })
    const error = await stuck
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as Error).message).toMatch(/`bodyReadTimeout`/)
    expect((await later).data.method).toBe('POST')
    expect(await outbox.pending()).toHaveLength(1)
    await normalSendDelivered(outbox)
  })

  it('refuses a bodyReadTimeout past the timer limit', () => {
    expect(() => createOutbox({ storage: memoryStorage(), bodyReadTimeout: 2 ** 31 })).toThrow(/`bodyReadTimeout`/)
  })
})
