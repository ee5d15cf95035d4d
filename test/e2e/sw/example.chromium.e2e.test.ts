import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext } from 'playwright'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { alias } from '../../../vitest.config.js'
import { launchBrowser } from '../support/browser'

// examples/service-worker, served as `npx vite examples/service-worker` would, driven as a user would.
let server: ViteDevServer
let url: string
let browser: Browser
let context: BrowserContext

beforeAll(async () => {
  server = await createServer({
    configFile: false,
    root: fileURLToPath(new URL('../../../examples/service-worker', import.meta.url)),
    logLevel: 'error',
    resolve: {
      alias: [
        { find: /^docket$/, replacement: alias.docket },
        { find: 'docket/worker', replacement: alias['docket/worker'] },
      ],
    },
    server: { host: '127.0.0.1', port: 0, hmr: false, fs: { allow: [fileURLToPath(new URL('../../..', import.meta.url))] } },
    optimizeDeps: { include: ['idb', 'comlink', 'mitt', 'nanoid'] },
    cacheDir: fileURLToPath(new URL('../../../node_modules/.vite-example-sw-test', import.meta.url)),
  })
  await server.listen()
  const address = server.httpServer!.address()
  if (!address || typeof address === 'string') throw new Error('The example server has no port')
  url = `http://127.0.0.1:${address.port}/`
  browser = await launchBrowser()
  context = await browser.newContext()
})
afterAll(async () => {
  await context?.close()
  await browser?.close()
  await server?.close()
})

it('sends a note added offline once the browser is back online', async () => {
  const page = await context.newPage()
  await page.goto(url)
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
