import type { Page } from 'playwright'
import { expect, it } from 'vitest'
import { browserFixture } from '../support/fixture'
import type { NetworkApi } from './network'

// A page that runs its own queue, with Playwright's offline switch as the network.
const e2e = browserFixture()

type Method = keyof NetworkApi
function call<K extends Method>(page: Page, method: K, ...args: Parameters<NetworkApi[K]>): Promise<Awaited<ReturnType<NetworkApi[K]>>> {
  return page.evaluate(
    ({ method, args }) => (globalThis as unknown as { networkTest: Record<string, (...a: unknown[]) => unknown> }).networkTest[method]!(...args),
    { method, args: args as unknown[] },
  ) as Promise<Awaited<ReturnType<NetworkApi[K]>>>
}

async function open(): Promise<Page> {
  const context = await e2e.newContext()
  const page = await context.newPage()
  await page.goto(`${e2e.url}/test/e2e/sw/network.html`)
  await page.waitForFunction(() => 'networkTest' in globalThis)
  return page
}

it('keeps a requiresNetwork job waiting offline while jobs that need no network run, and starts it on online without a reload', async () => {
  const page = await open()
  await page.evaluate(() => ((globalThis as { marker?: number }).marker = 1))
  await e2e.context!.setOffline(true)
  const needsNetwork = await call(page, 'add', 'request', null, { requiresNetwork: true })
  const local = await call(page, 'add', 'local', { n: 7 })
  await call(page, 'event', 'completed', local)
  expect(await call(page, 'job', needsNetwork)).toMatchObject({ state: 'waiting', attempts: 0 })

  await e2e.context!.setOffline(false)
  await call(page, 'event', 'completed', needsNetwork)
  expect(await call(page, 'job', needsNetwork)).toMatchObject({ state: 'completed', attempts: 1, result: 200 })
  expect(await page.evaluate(() => (globalThis as { marker?: number }).marker)).toBe(1)
})

it('retries a job whose request fails offline no faster than its backoff says', async () => {
  const page = await open()
  await e2e.context!.setOffline(true)
  const id = await call(page, 'add', 'request', null, { attempts: 3, backoff: { type: 'fixed', delay: 300 } })
  await call(page, 'settled', id)
  const job = await call(page, 'job', id)
  expect(job.state).toBe('failed')
  expect(job.errors.map((e) => e.name)).toEqual(['TypeError', 'TypeError', 'TypeError'])
  for (let i = 1; i < job.errors.length; i++) expect(job.errors[i]!.at - job.errors[i - 1]!.at).toBeGreaterThanOrEqual(300)
})

it('spends no attempt offline on a requiresNetwork job that lost the network mid-run: it waits out its backoff, then the network', async () => {
  const page = await open()
  const id = await call(page, 'add', 'gated', null, { requiresNetwork: true, attempts: 2, backoff: { type: 'fixed', delay: 100 } })
  await call(page, 'event', 'active', id)
  await e2e.context!.setOffline(true)
  await call(page, 'open')
  await call(page, 'event', 'retrying', id)
  // Due again 100 ms later; a job delayed past that shows the scheduler went by while offline.
  const later = await call(page, 'add', 'local', { n: 1 }, { delay: 300 })
  await call(page, 'event', 'completed', later)
  expect(await call(page, 'job', id)).toMatchObject({ state: 'waiting', attempts: 1 })

  await e2e.context!.setOffline(false)
  await call(page, 'event', 'completed', id)
  expect(await call(page, 'job', id)).toMatchObject({ state: 'completed', attempts: 2, result: 200 })
})
