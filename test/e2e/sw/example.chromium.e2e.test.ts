import type { Browser, BrowserContext } from 'playwright'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createPackedApp, type PackedApp } from '../../package/packed-app'
import { serveApp, type ServedApp } from '../../package/serve-app'
import { launchBrowser } from '../support/browser'

// examples/service-worker copied into an app that installed the packed tarball, served by
// `npx vite` there with the example's own config, driven as a user would.
let app: PackedApp
let served: ServedApp
let browser: Browser
let context: BrowserContext

beforeAll(async () => {
  app = await createPackedApp({ copy: [new URL('../../../examples/service-worker/', import.meta.url)], dependencies: ['vite'] })
  served = await serveApp(app.dir, { server: { hmr: false } })
  browser = await launchBrowser()
  context = await browser.newContext()
}, 120_000)
afterAll(async () => {
  await context?.close()
  await browser?.close()
  await served?.close()
  await app?.remove()
})

it('sends a note added offline once the browser is back online', async () => {
  const page = await context.newPage()
  await page.goto(served.url)
  await page.waitForSelector('body[data-ready="true"]')
  await page.fill('input[name="text"]', 'first')
  await page.click('button')
  await page.waitForSelector('li[data-state="completed"]')

  await context.setOffline(true)
  await page.fill('input[name="text"]', 'second')
  await page.click('button')
  await page.locator('li[data-state="waiting"]', { hasText: 'second' }).waitFor()
  expect(await page.textContent('#network')).toContain('offline')

  await context.setOffline(false)
  await page.locator('li[data-state="completed"]', { hasText: 'second' }).waitFor()
})
