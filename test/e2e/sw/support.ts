import type { BrowserContext, Page } from 'playwright'
import type { PageApi } from './page'

type Method = { [K in keyof PageApi]: PageApi[K] extends (...args: any[]) => any ? K : never }[keyof PageApi]

/** What `call` needs of a page: a Playwright page and an e2e driver page both have it. */
export interface Evaluates {
  evaluate<A>(fn: (arg: A) => unknown, arg: A): Promise<unknown>
}

/** Calls the page's test API (`globalThis.docketTest`) and returns what it resolves to. */
export function call<K extends Method>(page: Evaluates, method: K, ...args: Parameters<PageApi[K]>): Promise<Awaited<ReturnType<PageApi[K]>>> {
  return page.evaluate(
    ({ method, args }) => (globalThis as unknown as { docketTest: Record<string, (...a: unknown[]) => unknown> }).docketTest[method]!(...args),
    { method, args: args as unknown[] },
  ) as Promise<Awaited<ReturnType<PageApi[K]>>>
}

/** The test page's address. */
export const pageUrl = (baseUrl: string, query = ''): string => `${baseUrl}/test/e2e/sw/page.html${query}`

/** Resolves once the page's service worker is active (page.ts is a module script: it ran by the load event). */
export async function swReady(page: Evaluates): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as { docketTest: PageApi }).docketTest.ready, undefined)
}

/** Opens the test page in `context` and waits until its service worker is active. */
export async function openPage(context: BrowserContext, baseUrl: string, query = ''): Promise<Page> {
  const page = await context.newPage()
  await page.goto(pageUrl(baseUrl, query))
  await page.waitForFunction(() => 'docketTest' in globalThis)
  await swReady(page)
  return page
}

/** The origin's service worker, driven through the DevTools protocol as the browser would. */
export interface WorkerControl {
  /** Stops it, as the browser does when it is idle or past its time limit; resolves once stopped. */
  stop(): Promise<void>
  /** Fires a Background Sync event of `tag` at it, starting it if it is stopped. */
  dispatchSync(tag: string): Promise<void>
  detach(): Promise<void>
}

export async function controlServiceWorker(context: BrowserContext, page: Page): Promise<WorkerControl> {
  const cdp = await context.newCDPSession(page)
  const status = new Map<string, string>()
  const registrations = new Set<string>()
  let changed: () => void = () => {}
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) {
      status.set(v.versionId, v.runningStatus)
      registrations.add(v.registrationId)
    }
    changed()
  })
  await cdp.send('ServiceWorker.enable')
  return {
    async stop() {
      const stopped = new Promise<void>((resolve) => {
        changed = () => {
          if ([...status.values()].every((s) => s === 'stopped')) resolve()
        }
      })
      await cdp.send('ServiceWorker.stopAllWorkers')
      await stopped
    },
    async dispatchSync(tag) {
      const [registrationId] = registrations
      if (!registrationId) throw new Error('No service worker registration seen')
      await cdp.send('ServiceWorker.dispatchSyncEvent', { origin: new URL(page.url()).origin, registrationId, tag, lastChance: false })
    },
    detach: () => cdp.detach(),
  }
}
