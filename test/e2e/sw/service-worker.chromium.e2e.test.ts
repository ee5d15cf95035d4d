import { expect, it, vi } from 'vitest'
import { browserFixture } from '../support/fixture'
import { call, controlServiceWorker, openPage } from './support'

// A page and a module service worker (sw.ts) served by Vite, sharing one IndexedDB database;
// the page's queue never runs jobs, the worker's runs them with inline handlers.
const e2e = browserFixture()

/** Offline as the service worker sees it: Playwright's switch reaches its navigator.onLine a moment later. */
async function goOffline(page: Parameters<typeof call>[0]): Promise<void> {
  await e2e.context!.setOffline(true)
  await vi.waitFor(async () => expect((await call(page, 'probe')).onLine).toBe(false))
}

/** A fresh profile: its own IndexedDB and service worker registrations. */
async function fresh(query = '') {
  const context = await e2e.newContext()
  return openPage(context, e2e.url, query)
}

it('runs jobs added by a page in the service worker, with progress and completed reaching the page', async () => {
  const page = await fresh()
  const upload = await call(page, 'add', 'upload', { body: 'a' })
  const local = await call(page, 'add', 'local', { n: 21 })

  expect((await call(page, 'event', 'completed', upload)).result).toEqual({ status: 200, by: 'service-worker' })
  expect((await call(page, 'event', 'completed', local)).result).toBe(42)
  const seen = (await call(page, 'eventsOf', upload)).map((e) => (e.event === 'progress' ? `progress:${String(e.progress)}` : e.event))
  expect(seen).toEqual(['added', 'active', 'progress:50', 'progress:100', 'completed'])
})

it('keeps a requiresNetwork job waiting offline while other jobs run; back online, Background Sync completes it without a reload', async () => {
  const page = await fresh()
  await page.evaluate(() => ((globalThis as { marker?: number }).marker = 1))
  expect((await call(page, 'probe')).hasSync).toBe(true)

  await goOffline(page)
  const upload = await call(page, 'add', 'upload', { body: 'b' }, { requiresNetwork: true })
  const local = await call(page, 'add', 'local', { n: 1 })
  // Added after it, the job that needs no network runs: the worker claimed past the waiting one.
  await call(page, 'event', 'completed', local)
  expect(await call(page, 'state', upload)).toBe('waiting')
  expect((await call(page, 'eventsOf', upload)).map((e) => e.event)).toEqual(['added'])
  // Playwright's offline reaches the worker's navigator.onLine; the worker asked for a sync.
  await vi.waitFor(async () => expect(await call(page, 'probe')).toMatchObject({ onLine: false, tags: ['docket'] }))

  await e2e.context!.setOffline(false)
  expect((await call(page, 'event', 'completed', upload)).result).toEqual({ status: 200, by: 'service-worker' })
  const probe = await call(page, 'probe')
  expect(probe.seen).toContain('sync:docket')
  expect(probe.tags).toEqual([])
  expect(await page.evaluate(() => (globalThis as { marker?: number }).marker)).toBe(1)
})

it('drains in a sync event that starts the stopped service worker', async () => {
  const page = await fresh()
  const worker = await controlServiceWorker(e2e.context!, page)
  await worker.stop()
  // Nothing runs it: the page's queue is not started and a BroadcastChannel wakes no stopped worker.
  const upload = await call(page, 'add', 'upload', { body: 'c' }, { requiresNetwork: true })

  // Fired through DevTools, as the browser fires it once the network is back. (Playwright's
  // offline emulation cannot be lifted for a stopped worker: setOffline(false) then waits
  // until something starts the worker again, and no sync fires meanwhile.)
  await worker.dispatchSync('docket')
  expect((await call(page, 'event', 'completed', upload)).result).toEqual({ status: 200, by: 'service-worker' })
  // A new worker instance: the sync event is the first thing it saw.
  expect((await call(page, 'probe')).seen).toEqual(['sync:docket'])
})

it('without Background Sync, drains when a page posts docket:drain on online', async () => {
  const page = await fresh('?nosync')
  await goOffline(page)
  const upload = await call(page, 'add', 'upload', { body: 'd' }, { requiresNetwork: true })
  const local = await call(page, 'add', 'local', { n: 2 })
  await call(page, 'event', 'completed', local)
  expect(await call(page, 'state', upload)).toBe('waiting')
  expect((await call(page, 'probe')).tags).toEqual([])

  await e2e.context!.setOffline(false)
  expect((await call(page, 'event', 'completed', upload)).result).toEqual({ status: 200, by: 'service-worker' })
  expect((await call(page, 'probe')).seen).not.toContain('sync:docket')
})

it('starts a stopped service worker again on a docket:drain message and runs the job added meanwhile', async () => {
  const page = await fresh()
  await (await controlServiceWorker(e2e.context!, page)).stop()
  const local = await call(page, 'add', 'local', { n: 4 })
  await call(page, 'drain')
  expect((await call(page, 'event', 'completed', local)).result).toBe(8)
})

it('recovers at once a run killed with the service worker, without spending its attempt', async () => {
  const page = await fresh()
  const id = await call(page, 'add', 'hangOnce', null)
  await call(page, 'event', 'active', id)
  await (await controlServiceWorker(e2e.context!, page)).stop()

  await call(page, 'drain')
  await call(page, 'event', 'stalled', id)
  expect((await call(page, 'event', 'completed', id)).result).toBe('attempt 1, second run')
})

it('sends the events of jobs the service worker adds itself to the page', async () => {
  const page = await fresh()
  const id = await call(page, 'addInWorker', 'local', { n: 5 })
  expect((await call(page, 'event', 'completed', id)).result).toBe(10)
  expect((await call(page, 'eventsOf', id)).map((e) => e.event)).toContain('added')
})
