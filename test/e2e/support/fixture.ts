import type { Browser, BrowserContext } from 'playwright'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { launchBrowser } from './browser'
import { startServer } from './server'

/** What an e2e file gets from `browserFixture()`. */
export interface BrowserFixture {
  /** The test server's origin. */
  readonly url: string
  /** The browser, shared by the file's tests. */
  readonly browser: Browser
  /** The current test's context, if it opened one. */
  readonly context: BrowserContext | undefined
  /** A fresh profile for this test (its own IndexedDB and service workers), closed after it. */
  newContext(): Promise<BrowserContext>
}

/** One test server and one Chromium per file; a fresh context per test. */
export function browserFixture(): BrowserFixture {
  let server: Awaited<ReturnType<typeof startServer>> | undefined
  let browser: Browser | undefined
  let context: BrowserContext | undefined
  beforeAll(async () => {
    server = await startServer()
    browser = await launchBrowser()
  })
  afterEach(async () => {
    await context?.close()
    context = undefined
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })
  return {
    get url() {
      return server!.url
    },
    get browser() {
      return browser!
    },
    get context() {
      return context
    },
    async newContext() {
      context = await browser!.newContext()
      return context
    },
  }
}
