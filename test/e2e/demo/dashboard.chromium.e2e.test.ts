import { mkdirSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { contentSecurityPolicy } from '../../../demo/vite.config'
import { launchBrowser } from '../support/browser'
import { addWork, detailIn, openDashboard, recordProgress, row, startDemoServer, watchPage, type PageWatch } from './dashboard-page'

// The dashboard as `npm start` serves it, driven through its own buttons in headless Chromium.
const shots = 'test-results/demo'
let server: Awaited<ReturnType<typeof startDemoServer>>
let browser: Browser
let context: BrowserContext
let page: Page
let watch: PageWatch
let cspHeader: string | undefined

beforeAll(async () => {
  mkdirSync(shots, { recursive: true })
  server = await startDemoServer()
  browser = await launchBrowser()
  context = await browser.newContext({ viewport: { width: 1440, height: 1180 } })
  page = await context.newPage()
  watch = await watchPage(page)
  const response = await openDashboard(page, server.url)
  cspHeader = response?.headers()['content-security-policy']
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

it('serves the page under a strict Content-Security-Policy, jobs in a module worker', async () => {
  expect(cspHeader).toBe(contentSecurityPolicy)
  expect(cspHeader).toContain("script-src 'self'")
  expect(cspHeader).not.toMatch(/unsafe-(eval|inline)/)
  // The built page carries the same policy in a meta tag, for hosts that set no header.
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(contentSecurityPolicy)
  expect(await page.locator('#online').getAttribute('data-online')).toBe('true')
})

it('shows the CPU job\'s progress rising to 100 and the job completed', async () => {
  const progress = await recordProgress(page, 'blurImage')
  await addWork(page, 'cpu')
  await row(page, 'blurImage', 'completed').locator('.bar[aria-valuenow="100"]').waitFor()
  const id = await detailIn(page, 'blurImage', 'completed')
  expect(await page.locator('#detail-result').textContent()).toMatch(/"sha256": "[0-9a-f]{64}"/)
  const seen = await progress()
  expect(seen.some((v) => v > 0 && v < 100), `progress values seen: ${seen.join(', ')}`).toBe(true)
  expect(seen.at(-1)).toBe(100)
  expect(await row(page, 'blurImage').getAttribute('data-id')).toBe(id)
  expect(watch.workers.some((url) => url.includes('jobs.worker'))).toBe(true)
})

it('shows the flaky job completed on its third attempt, with the two failures and its log', async () => {
  await addWork(page, 'flaky')
  await detailIn(page, 'fetchFeed', 'completed')
  const detail = page.locator('#detail')
  expect(await detail.locator('.attempts').textContent()).toBe('3/3')
  expect(await row(page, 'fetchFeed').locator('.attempts').textContent()).toBe('3/3')
  expect(await detail.locator('.error .error-name').allTextContents()).toEqual(['HttpError', 'HttpError'])
  expect(await detail.locator('.error .attempt-tag').allTextContents()).toEqual(['Attempt 1', 'Attempt 2'])
  const log = await detail.locator('.log code').allTextContents()
  expect(log.filter((line) => line.startsWith('GET '))).toHaveLength(3)
  expect(log.at(-1)).toBe('200 OK, 3 items')
})

it('shows the job that outlives its timeout failed with TimeoutError', async () => {
  await addWork(page, 'timeout')
  await detailIn(page, 'slowReport', 'failed')
  await row(page, 'slowReport', 'failed').waitFor()
  expect(await page.locator('#detail .error .error-name').allTextContents()).toEqual(['TimeoutError'])
  expect(await page.locator('#detail .attempts').textContent()).toBe('1/1')
  // The stack of an attempt is one click away.
  await page.locator('#detail .stack summary').click()
  expect(await page.locator('#detail .stack pre').textContent()).toContain('TimeoutError')
})

it('reports the second add of a unique job as a duplicate and stores one job', async () => {
  await addWork(page, 'unique')
  await page.locator('.toast', { hasText: 'Duplicate' }).filter({ hasText: 'sync:acct-42' }).waitFor()
  await page.locator('#activity-list li[data-event="duplicate"]').first().waitFor()
  await detailIn(page, 'syncAccount', 'completed')
  await row(page, 'syncAccount', 'completed').waitFor()
  expect(await page.locator('#jobs tr[data-name="syncAccount"]').count()).toBe(1)
})

it('cancels, retries and promotes from the detail panel', async () => {
  const detail = page.locator('#detail')
  // A delayed job: cancel it, then retry it, and it runs.
  await addWork(page, 'delayed')
  const id = await detailIn(page, 'sendReminder', 'delayed')
  await detail.locator('[data-action="cancel"]').click()
  await detailIn(page, 'sendReminder', 'canceled')
  await page.locator(`#jobs tr[data-id="${id}"][data-state="canceled"]`).waitFor()
  await detail.locator('[data-action="retry"]').click()
  expect(await detailIn(page, 'sendReminder', 'completed')).toBe(id)
  // Another: promote it, and it runs now rather than in 15 s.
  await addWork(page, 'delayed')
  const second = await detailIn(page, 'sendReminder', 'delayed')
  expect(second).not.toBe(id)
  await detail.locator('[data-action="promote"]').click()
  expect(await detailIn(page, 'sendReminder', 'completed')).toBe(second)
  // A running job: cancel aborts its handler.
  await addWork(page, 'timeout')
  const running = await detailIn(page, 'slowReport', 'active')
  await detail.locator('[data-action="cancel"]').click()
  expect(await detailIn(page, 'slowReport', 'canceled')).toBe(running)
  expect(await detail.locator('.error').count()).toBe(0)
})

it('shows a key blocked by its failed edit, and unblocked once the edit is removed', async () => {
  await addWork(page, 'ordered')
  // The scenario opens the update that fails for good, in the jobs view.
  await detailIn(page, 'fetchFeed', 'failed')
  await page.locator('[data-tab="blocked-keys"]').click()
  const blocked = page.locator('#blocked-keys li[data-key^="note:"]')
  await blocked.waitFor()
  const key = await blocked.getAttribute('data-key')
  await page.locator('#activity-list li[data-event="keyBlocked"]').first().waitFor()
  await blocked.getByRole('button', { name: 'remove' }).click()
  await page.locator(`#blocked-keys li[data-key="${key}"]`).waitFor({ state: 'detached' })
  await page.locator('#activity-list li[data-event="keyUnblocked"]').first().waitFor()
  await page.locator('[data-tab="jobs"]').click()
})

it('shows data that holds markup as text, from a scenario and from the form', async () => {
  const hostile = '<img src=x onerror=alert(1)>'
  await addWork(page, 'hostile')
  await detailIn(page, 'echo', 'completed')
  expect(await page.locator('#detail-data').textContent()).toContain(hostile)
  expect(await page.locator('#detail-result').textContent()).toContain(hostile)

  await page.locator('details.custom summary').click()
  await page.locator('#custom-name').selectOption('echo')
  await page.locator('#custom-data').fill(JSON.stringify({ note: `typed ${hostile}` }))
  await page.locator('#custom-job button[type="submit"]').click()
  await page.locator('#detail-result', { hasText: `typed ${hostile}` }).waitFor()
  await page.locator('#detail[data-state="completed"]').waitFor()

  expect(await page.locator('img').count()).toBe(0)
  expect(await page.evaluate(() => document.body.innerHTML.includes('<img'))).toBe(false)
  // The panel's shadow root holds the data: there too, text and no element.
  expect(await page.evaluate(() => document.querySelector('[data-docket-devtools]')!.shadowRoot!.innerHTML.includes('<img'))).toBe(false)
  expect(watch.dialogs).toEqual([])
})

it('shows the same live state in a second tab: pause, jobs and their events', async () => {
  const second = await context.newPage()
  const watch2 = await watchPage(second)
  await openDashboard(second, server.url)
  // Pause in the second tab; the first one sees the stored pause through the queue's events.
  await second.locator('#queue-list [data-queue="mail"] [data-action="toggle-pause"]').click()
  await page.locator('#queue-list [data-queue="mail"][data-paused="true"]').waitFor()
  await addWork(page, 'priority')
  await expectCount(second, '#jobs tr[data-name="sendEmail"][data-state="waiting"]', 5)
  await page.locator('#queue-list [data-queue="mail"] [data-action="toggle-pause"]').click()
  await second.locator('#queue-list [data-queue="mail"][data-paused="false"]').waitFor()
  await expectCount(second, '#jobs tr[data-name="sendEmail"][data-state="completed"]', 5)
  await expectCount(page, '#jobs tr[data-name="sendEmail"][data-state="completed"]', 5)
  await second.locator('#activity-list li[data-event="completed"]', { hasText: 'sendEmail' }).first().waitFor()
  expect(await watch2.violations()).toEqual([])
  expect(watch2.consoleErrors).toEqual([])
  await second.close()
})

it('runs a burst of 1,000 jobs and shows the jobs per second', async () => {
  await addWork(page, 'burst')
  await page.locator('#burst[data-done="true"]').waitFor({ timeout: 90_000 })
  const figure = await page.locator('#burst-rate').textContent()
  expect(figure).toMatch(/^1,000 jobs in [\d.]+ (ms|s) · [\d,]+ jobs\/s$/)
  expect(Number(figure!.split('·')[1]!.replace(/[^\d]/g, ''))).toBeGreaterThan(0)
  expect(await page.locator('#burst-count').textContent()).toBe('1,000 / 1,000')
  await page.screenshot({ path: `${shots}/after-burst.png` })
})

it('shows the browser going offline and back', async () => {
  await context.setOffline(true)
  await page.locator('#online[data-online="false"]').waitFor()
  await context.setOffline(false)
  await page.locator('#online[data-online="true"]').waitFor()
})

it('cleans completed jobs, then shows live work in a screenshot', async () => {
  await page.locator('#clean-completed').click()
  const removed = page.locator('.toast', { hasText: /^Removed [\d,]+ completed jobs?\.$/ })
  await removed.waitFor()
  await removed.click()
  await page.locator('.state-card[data-state="completed"] .state-count', { hasText: /^0$/ }).waitFor()
  expect(await page.locator('#jobs tr[data-state="completed"]').count()).toBe(0)
  // Live work for the picture: mails by priority, a duplicate, two jobs in progress, and the
  // flaky job's attempts in the detail panel.
  for (const scenario of ['priority', 'hostile', 'unique', 'delayed', 'flaky']) await addWork(page, scenario)
  const flaky = await detailIn(page, 'fetchFeed', 'completed')
  await page.locator('details.custom').evaluate((details) => ((details as HTMLDetailsElement).open = false))
  await addWork(page, 'timeout')
  await addWork(page, 'cpu')
  // The scenario opens its job; only then show the flaky one, or the scenario would take the panel back.
  await page.locator('#detail .detail-head h2', { hasText: 'blurImage' }).waitFor()
  await page.locator(`#jobs tr[data-id="${flaky}"]`).click()
  await detailIn(page, 'fetchFeed', 'completed')
  await row(page, 'blurImage', 'active').locator('.bar:not([aria-valuenow="0"])').waitFor()
  await page.evaluate(() => scrollTo(0, 0))
  await page.screenshot({ path: `${shots}/dashboard.png` })
})

it('reported no CSP violation, console error or page error; an inline script is refused', async () => {
  expect(await watch.violations()).toEqual([])
  expect(watch.consoleErrors).toEqual([])
  expect(watch.pageErrors).toEqual([])
  // The policy is enforced, and the check above would have seen a violation.
  await page.evaluate(() => {
    const script = document.createElement('script')
    script.textContent = 'window.inlineRan = true'
    document.body.append(script)
  })
  await page.waitForFunction(() => (window as unknown as { __cspViolations: unknown[] }).__cspViolations.length > 0)
  expect(await page.evaluate(() => 'inlineRan' in window)).toBe(false)
  // One report per policy that refused it: the header's and the page's own meta tag.
  const refused = await watch.violations()
  expect(refused.length).toBeGreaterThan(0)
  expect(refused.every((v) => v.directive === 'script-src-elem' && v.blocked === 'inline')).toBe(true)
})

async function expectCount(p: Page, selector: string, n: number): Promise<void> {
  // The panel's rows are in its shadow root.
  await p.waitForFunction(([s, count]) => document.querySelector('[data-docket-devtools]')!.shadowRoot!.querySelectorAll(s).length === count, [selector, n] as const)
}
