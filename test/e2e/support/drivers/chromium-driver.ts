import type { Page } from 'playwright'
import { launchBrowser } from '../browser.ts'
import type { E2EBrowser, E2EPage } from '../driver.ts'
import { watchedErrors } from '../error-watch.ts'

/** An e2e page on a Playwright page: errors from the watch, the page and its workers. */
function chromiumPage(page: Page): E2EPage & { keepErrors(): Promise<void> } {
  const reported: string[] = []
  let watched: string[] = []
  page.on('pageerror', (error) => reported.push(`page error ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') reported.push(`console ${message.text()} (${message.location().url})`)
  })
  // Read while the page is open: a closed page has no watch to read.
  const keepErrors = async (): Promise<void> => {
    if (!page.isClosed()) watched = await page.evaluate(watchedErrors)
  }
  return {
    // Playwright's types unbox handles, which these pages never pass: plain JSON in and out.
    evaluate: <A, R>(fn: (arg: A) => R | Promise<R>, arg?: A) => page.evaluate(fn as (arg: unknown) => R, arg) as Promise<R>,
    async errors() {
      await keepErrors()
      return [...watched, ...reported]
    },
    async close() {
      await keepErrors()
      await page.close()
    },
    keepErrors,
  }
}

/** Debian's Chromium through Playwright: a context per profile, a page per window. */
export async function launchChromiumDriver(): Promise<E2EBrowser> {
  const browser = await launchBrowser()
  return {
    engine: 'chromium',
    async newContext() {
      const context = await browser.newContext()
      const pages: Array<ReturnType<typeof chromiumPage>> = []
      return {
        async open(url) {
          const page = await context.newPage()
          const e2ePage = chromiumPage(page)
          pages.push(e2ePage)
          await page.goto(url)
          return e2ePage
        },
        async close() {
          await Promise.all(pages.map((page) => page.keepErrors()))
          await context.close()
        },
      }
    },
    close: () => browser.close(),
  }
}
