// docket's outbox and workbox-background-sync on the same faults, in the same run, against a
// real HTTP server that fails on command and counts deliveries per Idempotency-Key. The
// assertions hold docket to "every request delivered exactly once"; workbox's figures are
// recorded as measured (bench/results.json, `outbox`), not asserted.
import { expect, it } from 'vitest'
import { call, outboxE2E, tally } from './outbox-e2e-fixture'

const e2e = outboxE2E()
let scenarios = 0
const scenarioUrl = (name: string, script: string[] = []): { id: string; url: string } => {
  const id = `${name}-${e2e.engine}-${++scenarios}-${Date.now()}`
  return { id, url: `${e2e.faults}/s/${id}${script.length ? `?script=${script.join(',')}` : '?script='}` }
}

it('a 503 then 200: docket retries and delivers once; workbox counts the 503 as sent', async () => {
  const page = await e2e.open()
  const docket = scenarioUrl('503-docket', ['503'])
  const id = await call(page, 'send', docket.url, 'text', 'note')
  expect(await call(page, 'result', id)).toEqual({ status: 200, length: 4 })
  const docketRow = tally(await e2e.arrivals(docket.id), [id], '503 then 200', 'docket')
  expect(docketRow).toMatchObject({ delivered: 1, lost: 0, deliveredTwice: 0 })
  e2e.record(docketRow)

  const workbox = scenarioUrl('503-workbox', ['503'])
  const sent = await call(page, 'workbox', 'wb-send', workbox.url, 'text', 'note', 'wb-503')
  await call(page, 'workbox', 'wb-replay')
  e2e.record(tally(await e2e.arrivals(workbox.id), ['wb-503'], '503 then 200', 'workbox', `fetch answered ${String(sent.status)}: not queued, never retried`))
})

it('a FormData with a 64 KiB file: docket delivers its bytes; workbox as measured', async () => {
  const page = await e2e.open()
  const docket = scenarioUrl('form-docket', ['reset', 'reset'])
  const id = await call(page, 'send', docket.url, 'form-with-file', 'photo')
  const result = await call(page, 'result', id)
  expect(result.status).toBe(200)
  const stored = await call(page, 'stored', id)
  const arrivals = await e2e.arrivals(docket.id)
  const delivered = arrivals.filter((arrival) => arrival.answer === '200')
  expect(delivered).toHaveLength(1)
  // The server echoes the body: its length is the stored multipart body, the file inside it.
  expect(result.length).toBe(stored)
  expect(Buffer.from(delivered[0]!.body, 'base64').length).toBe(stored)
  expect(stored).toBeGreaterThan(65_536)
  e2e.record(tally(arrivals, [id], 'FormData with a file', 'docket'))

  const workbox = scenarioUrl('form-workbox')
  const pushed = await call(page, 'workbox', 'wb-push', workbox.url, 'form-with-file', 'photo', 'wb-form')
  await call(page, 'workbox', 'wb-replay')
  const wbArrivals = await e2e.arrivals(workbox.id)
  const bytes = wbArrivals.filter((arrival) => arrival.answer === '200').map((arrival) => Buffer.from(arrival.body, 'base64').length)
  e2e.record(tally(wbArrivals, ['wb-form'], 'FormData with a file', 'workbox', pushed.failed ? `pushRequest failed: ${String(pushed.failed)}` : `delivered body bytes: ${bytes.join(', ') || 'none'}`))
})

it('two tabs and the service worker all draining at once: docket delivers each of 30 requests once', async () => {
  const first = await e2e.open('?deliver')
  const second = await e2e.open('?deliver')
  const docket = scenarioUrl('tabs-docket')
  const ids: string[] = []
  for (let index = 0; index < 30; index++) ids.push(await call(index % 2 ? first : second, 'send', docket.url, 'text', `n${index}`))
  for (const id of ids) expect((await call(first, 'result', id)).status).toBe(200)
  const docketRow = tally(await e2e.arrivals(docket.id), ids, 'two tabs and a service worker draining', 'docket')
  expect(docketRow).toMatchObject({ delivered: 30, lost: 0, deliveredTwice: 0 })
  e2e.record(docketRow)

  // workbox's Queue lives in the service worker alone: the tabs each ask it to replay, at once.
  const workbox = scenarioUrl('tabs-workbox')
  const keys = Array.from({ length: 30 }, (_, index) => `wb-tabs-${index}`)
  for (const key of keys) await call(first, 'workbox', 'wb-push', workbox.url, 'text', key, key)
  await Promise.all([call(first, 'workbox', 'wb-replay'), call(second, 'workbox', 'wb-replay'), call(first, 'workbox', 'wb-replay')])
  const left = await call(first, 'workbox', 'wb-size')
  e2e.record(tally(await e2e.arrivals(workbox.id), keys, 'two tabs and a service worker draining', 'workbox', `left in its queue: ${String(left.size)}`))
})

it('throughput: 1,000 small POSTs from an outbox in the page, next to 1,000 plain fetch calls (6 at a time)', async () => {
  const page = await e2e.open()
  const target = scenarioUrl('throughput')
  const { fetchMs, outboxMs, text } = await call(page, 'throughput', `${target.url}&x=1`, 1000, 6)
  expect(text).toBe('{"i":0}')
  const ratio = fetchMs / outboxMs
  e2e.record({ scenario: 'throughput 1,000 POSTs, 6 at a time', library: 'docket', requests: 1000, delivered: 1000, lost: 0, deliveredTwice: 0, note: `fetch ${Math.round(fetchMs)} ms, outbox ${Math.round(outboxMs)} ms: ${ratio.toFixed(2)}× the rate of plain fetch` })
  console.log(`[outbox throughput ${e2e.engine}] fetch ${fetchMs.toFixed(0)} ms, outbox ${outboxMs.toFixed(0)} ms, ratio ${ratio.toFixed(2)}`)
  // 2,000 requests and 1,000 stored jobs: ~30 s on a loaded 2-core machine; room for a busier one.
}, 400_000)
