import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { launchE2EBrowser, type E2EBrowser, type E2EContext, type E2EPage } from '../support/driver.ts'
import { click, waitForSelector } from '../support/wait-for-selector.ts'
import { startDemoServer } from './dashboard-page'
import { panelText, waitForPanelSelector } from './panel-selectors'

// The dashboard as `npm start` serves it (strict CSP, jobs in a module worker, the panel in a
// shadow root), in every engine:
// it loads, runs work through its own buttons, and reports nothing going wrong. The full tour,
// with Playwright's locators and offline emulation, is dashboard.chromium.e2e.test.ts.
const engine = inject('engine')
let server: Awaited<ReturnType<typeof startDemoServer>>
let browser: E2EBrowser
let context: E2EContext
let page: E2EPage

beforeAll(async () => {
  server = await startDemoServer()
  browser = await launchE2EBrowser(engine)
  context = await browser.newContext()
  page = await context.open(server.url)
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await server?.close()
})

it('loads with no console error, page error or CSP violation', async () => {
  await waitForSelector(page, 'html[data-ready="true"]')
  expect(await page.evaluate(() => document.querySelector('#online')?.getAttribute('data-online'))).toBe('true')
  expect(await page.errors()).toEqual([])
})

it('runs the CPU job in its module worker to completed, progress at 100', async () => {
  await click(page, '[data-scenario="cpu"]')
  await waitForPanelSelector(page, '#jobs tr[data-name="blurImage"][data-state="completed"] .bar[aria-valuenow="100"]')
  expect(await page.errors()).toEqual([])
})

it('shows the flaky job completed on its third attempt, after two failures', async () => {
  await click(page, '[data-scenario="flaky"]')
  await waitForPanelSelector(page, '#jobs tr[data-name="fetchFeed"][data-state="completed"]')
  expect(await panelText(page, '#jobs tr[data-name="fetchFeed"] .attempts')).toBe('3/3')
  expect(await page.errors()).toEqual([])
})

it('refuses an inline script under its policy, and the watch sees the violation', async () => {
  await page.evaluate(() => {
    const script = document.createElement('script')
    script.textContent = 'window.inlineRan = true'
    document.body.append(script)
  })
  expect(await page.evaluate(() => 'inlineRan' in window)).toBe(false)
  // The watch reports violations as errors: this one shows that the checks above could see one.
  await waitForViolation()
  expect((await page.errors()).some((error) => error.includes('CSP script-src'))).toBe(true)
})

/** Resolves once the page has had a CSP violation event (dispatched as a task after the refusal). */
async function waitForViolation(): Promise<void> {
  await page.evaluate(() => new Promise<boolean>((resolve) => {
    const seen = (window as unknown as { __e2eErrors: string[] }).__e2eErrors
    if (seen.some((e) => e.startsWith('CSP'))) return resolve(true)
    // After the watch's own listener, which was added first.
    addEventListener('securitypolicyviolation', () => resolve(true), { once: true })
  }))
}

it('shows a flow: the digest runs after both feeds, and its detail lists them with their states', async () => {
  // The test before made a CSP violation on purpose: only errors from here on count.
  const before = (await page.errors()).length
  await click(page, '[data-scenario="flow"]')
  await waitForPanelSelector(page, '#detail[data-state="completed"] [data-role="prerequisites"] li:nth-child(2) .badge[data-state="completed"]')
  expect(await page.evaluate(() => [...document.querySelector('[data-docket-devtools]')!.shadowRoot!.querySelectorAll('#detail [data-role="prerequisites"] li code')].map((ref) => ref.textContent))).toEqual(['news', 'blog'])
  expect((await page.errors()).slice(before)).toEqual([])
})
