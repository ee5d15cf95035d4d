import { expect, it } from 'vitest'
import { engineFixture } from '../support/engine-fixture.ts'
import { schedulesAndFlowsInServiceWorker } from './schedules-and-flows'
import { call, pageUrl, swReady } from './support'

// The page and the module service worker (sw.ts) of service-worker.chromium.e2e.test.ts, in every
// engine: what needs no offline emulation or DevTools. The page's queue never runs jobs; the
// service worker's runs them with inline handlers, on the same IndexedDB database.
const e2e = engineFixture()

async function fresh() {
  const page = await (await e2e.newContext()).open(pageUrl(e2e.url))
  await swReady(page)
  return page
}

it('runs jobs added by a page in the service worker, with progress and completed reaching the page', async () => {
  const page = await fresh()
  const upload = await call(page, 'add', 'upload', { body: 'a' })
  const local = await call(page, 'add', 'local', { n: 21 })

  expect((await call(page, 'event', 'completed', upload)).result).toEqual({ status: 200, by: 'service-worker' })
  expect((await call(page, 'event', 'completed', local)).result).toBe(42)
  const seen = (await call(page, 'eventsOf', upload)).map((e) => (e.event === 'progress' ? `progress:${String(e.progress)}` : e.event))
  expect(seen).toEqual(['added', 'active', 'progress:50', 'progress:100', 'completed'])
  expect(await page.errors()).toEqual([])
})

it('sends the events of jobs the service worker adds itself to the page', async () => {
  const page = await fresh()
  const id = await call(page, 'addInWorker', 'local', { n: 5 })
  expect((await call(page, 'event', 'completed', id)).result).toBe(10)
  expect((await call(page, 'eventsOf', id)).map((e) => e.event)).toContain('added')
  expect(await page.errors()).toEqual([])
})

it('reports what the service worker sees: online, and Background Sync only where the engine has it', async () => {
  const page = await fresh()
  const probe = await call(page, 'probe')
  expect(probe.onLine).toBe(true)
  // Chromium has Background Sync; Firefox and WebKit do not, and docket falls back (README).
  expect(probe.hasSync).toBe(e2e.engine === 'chromium')
  expect(probe.tags).toEqual(e2e.engine === 'chromium' ? [] : null)
})

schedulesAndFlowsInServiceWorker(fresh)
