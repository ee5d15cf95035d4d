// A service worker stopped in the middle of a fetch, as the browser stops it (through DevTools,
// which Chromium alone offers): docket's request stays stored and is sent again by the
// restarted worker; workbox's `replayRequests` took it out of IndexedDB before fetching it.
import type { Page } from 'playwright'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { startFaultServer } from '../../support/fault-server'
import { launchBrowser } from '../support/browser'
import type { E2EPage } from '../support/driver'
import { controlServiceWorker } from '../sw/support'
import { call, recordRows, startOutboxServer, tally, type Row } from './outbox-e2e-fixture'

let vite: Awaited<ReturnType<typeof startOutboxServer>>
let faults: Awaited<ReturnType<typeof startFaultServer>>
let browser: Awaited<ReturnType<typeof launchBrowser>>
const contexts: Array<Awaited<ReturnType<typeof browser.newContext>>> = []
const rows: Row[] = []
beforeAll(async () => {
  vite = await startOutboxServer()
  faults = await startFaultServer()
  browser = await launchBrowser()
})
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()))
})
afterAll(async () => {
  await browser?.close()
  await faults?.close()
  await vite?.server.close()
  if (process.env.DOCKET_RECORD_OUTBOX) await recordRows('chromium', rows)
})

async function open(): Promise<{ page: Page; e2e: E2EPage; stop(): Promise<void> }> {
  const context = await browser.newContext()
  contexts.push(context)
  const page = await context.newPage()
  await page.goto(`${vite.url}/test/e2e/outbox/page.html`)
  await page.waitForFunction(() => 'outboxTest' in globalThis)
  await page.evaluate(() => (globalThis as unknown as { outboxTest: { ready: Promise<boolean> } }).outboxTest.ready)
  const worker = await controlServiceWorker(context, page)
  return { page, e2e: page as unknown as E2EPage, stop: () => worker.stop() }
}

const arrivals = async (id: string) => (await (await fetch(`${faults.url}/log/${id}`)).json()) as Parameters<typeof tally>[0]

it('a service worker stopped mid-fetch: docket sends the request again once the worker restarts; workbox as measured', async () => {
  const { e2e, stop } = await open()
  const docket = `killed-docket-${Date.now()}`
  const id = await call(e2e, 'send', `${faults.url}/s/${docket}?script=hang`, 'text', 'note')
  await faults.arrived(docket, 1)
  await stop()
  await call(e2e, 'drain')
  expect(await call(e2e, 'result', id)).toEqual({ status: 200, length: 4 })
  const docketRow = tally(await arrivals(docket), [id], 'service worker stopped mid-fetch', 'docket')
  expect(docketRow).toMatchObject({ delivered: 1, lost: 0, deliveredTwice: 0 })
  rows.push(docketRow)

  const workbox = `killed-workbox-${Date.now()}`
  await call(e2e, 'workbox', 'wb-push', `${faults.url}/s/${workbox}?script=hang`, 'text', 'note', 'wb-killed')
  await call(e2e, 'post', 'wb-replay')
  await faults.arrived(workbox, 1)
  await stop()
  // The restarted worker replays at start-up and on this message: whatever is still queued.
  await call(e2e, 'workbox', 'wb-replay')
  const left = await call(e2e, 'workbox', 'wb-size')
  rows.push(tally(await arrivals(workbox), ['wb-killed'], 'service worker stopped mid-fetch', 'workbox', `left in its queue after restart: ${String(left.size)}`))
})

it('offline → online: docket delivers once the network is back; time from online to delivery, next to workbox', async () => {
  const { page, e2e } = await open()
  const context = page.context()
  await context.setOffline(true)
  // The service worker's navigator.onLine follows Playwright's switch a moment later.
  await page.waitForFunction(() => !navigator.onLine)
  const docket = `offline-docket-${Date.now()}`
  const workbox = `offline-workbox-${Date.now()}`
  const id = await call(e2e, 'send', `${faults.url}/s/${docket}`, 'text', 'note')
  const sent = await call(e2e, 'workbox', 'wbs-send', `${faults.url}/s/${workbox}`, 'text', 'note', 'wb-offline')
  // Recorded, not asserted: the worker's network follows Playwright's switch a moment later.
  const workboxNote = sent.queued ? 'replayed by its sync event' : `sent at once (answered ${String(sent.status)}): the worker was still online`
  const online = Date.now()
  await context.setOffline(false)
  // The page's part, as the README shows it: tell the service worker the network is back.
  await call(e2e, 'drain')
  expect(await call(e2e, 'result', id)).toEqual({ status: 200, length: 4 })
  const docketArrivals = await arrivals(docket)
  const docketRow = tally(docketArrivals, [id], 'offline → online', 'docket')
  expect(docketRow).toMatchObject({ delivered: 1, lost: 0, deliveredTwice: 0 })
  rows.push({ ...docketRow, onlineToDeliveryMs: Math.max(...docketArrivals.map((arrival) => arrival.at)) - online })

  // workbox replays on its Background Sync event; wait for it a bounded while, then report.
  let timer: ReturnType<typeof setTimeout> | undefined
  await Promise.race([faults.arrived(workbox, 1), new Promise((resolve) => (timer = setTimeout(resolve, 30_000)))])
  clearTimeout(timer)
  const wbArrivals = await arrivals(workbox)
  const wbRow = tally(wbArrivals, ['wb-offline'], 'offline → online', 'workbox', wbArrivals.length ? workboxNote : 'no replay within 30 s')
  rows.push(wbArrivals.length ? { ...wbRow, onlineToDeliveryMs: Math.max(...wbArrivals.map((arrival) => arrival.at)) - online } : wbRow)
})
