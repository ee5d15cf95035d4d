import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright'
import { createServer, type ViteDevServer } from 'vite'
import { errorWatch } from '../support/error-watch.ts'

/** The demo's own Vite config: the same aliases, CSP header and deps as `npm start`. */
const configFile = fileURLToPath(new URL('../../../demo/vite.config.ts', import.meta.url))

/** The demo's dev server on a free loopback port, as `npm start` serves it (without HMR, so nothing reloads mid-test). */
export async function startDemoServer(): Promise<{ url: string; server: ViteDevServer; close(): Promise<void> }> {
  const server = await createServer({
    configFile,
    // Apart from `npm start`'s cache: a running dev server and a test run must not rewrite each other's deps.
    cacheDir: fileURLToPath(new URL('../../../node_modules/.vite-demo-e2e', import.meta.url)),
    logLevel: 'error',
    // Added to the demo's own plugins: its pages load the error watch first.
    plugins: [errorWatch()],
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  })
  await server.listen()
  const address = server.httpServer?.address()
  if (!address || typeof address === 'string') throw new Error('The demo server has no port')
  return { url: `http://127.0.0.1:${address.port}/`, server, close: () => server.close() }
}

/** What a page did that the test must see: CSP violations, console errors, dialogs, uncaught errors, workers. */
export interface PageWatch {
  violations(): Promise<Array<{ directive: string; blocked: string }>>
  consoleErrors: string[]
  dialogs: string[]
  pageErrors: string[]
  workers: string[]
}

/**
 * Records what the page reports. `securitypolicyviolation` is listened to from an init script
 * (Playwright injects it outside the page's CSP), before any of the page's own scripts run.
 */
export async function watchPage(page: Page): Promise<PageWatch> {
  const watch: Omit<PageWatch, 'violations'> = { consoleErrors: [], dialogs: [], pageErrors: [], workers: [] }
  await page.addInitScript(() => {
    const seen: Array<{ directive: string; blocked: string }> = []
    Object.defineProperty(window, '__cspViolations', { value: seen })
    addEventListener('securitypolicyviolation', (event) => seen.push({ directive: event.violatedDirective, blocked: event.blockedURI }))
  })
  page.on('console', (message) => {
    if (message.type() === 'error') watch.consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => watch.pageErrors.push(error.message))
  page.on('worker', (worker) => watch.workers.push(worker.url()))
  page.on('dialog', (dialog) => {
    watch.dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  return {
    ...watch,
    violations: () => page.evaluate(() => (window as unknown as { __cspViolations: Array<{ directive: string; blocked: string }> }).__cspViolations),
  }
}

/** Opens the dashboard and waits for its first render. */
export async function openDashboard(page: Page, url: string) {
  const response = await page.goto(url)
  await page.locator('html[data-ready="true"]').waitFor()
  return response
}

/** Clicks one button of the "add work" panel. */
export async function addWork(page: Page, scenario: string): Promise<void> {
  await page.locator(`[data-scenario="${scenario}"]`).click()
}

/** The table row of the (only, or newest) job of this name, optionally in this state. */
export function row(page: Page, name: string, state?: string) {
  return page.locator(`#jobs tr[data-name="${name}"]${state ? `[data-state="${state}"]` : ''}`).first()
}

/** Waits until the detail panel shows a job of this name in this state; returns its id. */
export async function detailIn(page: Page, name: string, state: string): Promise<string> {
  const panel = page.locator(`#detail[data-state="${state}"]`).filter({ has: page.locator('.detail-head h2', { hasText: name }) })
  await panel.waitFor()
  return (await panel.getAttribute('data-job-id')) ?? ''
}

/** Every aria-valuenow the progress bars of the detail panel and of `name`'s row take, from now on. */
export async function recordProgress(page: Page, name: string): Promise<() => Promise<number[]>> {
  await page.evaluate((jobName) => {
    const values: number[] = []
    Object.defineProperty(window, '__progress', { value: values, configurable: true })
    // The panel lives in a shadow root: observed and read there.
    const root = document.querySelector('[data-docket-devtools]')!.shadowRoot!
    const read = (): void => {
      for (const bar of root.querySelectorAll(`#jobs tr[data-name="${jobName}"] .bar, #detail .detail-progress .bar`)) {
        const value = Number(bar.getAttribute('aria-valuenow'))
        if (values[values.length - 1] !== value) values.push(value)
      }
    }
    new MutationObserver(read).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] })
  }, name)
  return () => page.evaluate(() => (window as unknown as { __progress: number[] }).__progress)
}
