import type { Page } from 'playwright'
import { launchBrowser } from '../browser.ts'
import type { E2EBrowser } from '../driver.ts'
import { watchedContext, watchedPage, type WatchedPage } from './watched-page.ts'

/** An e2e page on a Playwright page: errors from the watch, the page and its workers. */
function chromiumPage(page: Page): WatchedPage {
  const reported: string[] = []
  page.on('pageerror', (error) => reported.push(`page error ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') reported.push(`console ${message.text()} (${message.location().url})`)
  })
  return watchedPage(page, reported)
}

/** Debian's Chromium through Playwright: a context per profile, a page per window. */
export async function launchChromiumDriver(): Promise<E2EBrowser> {
  const browser = await launchBrowser()
  return {
    engine: 'chromium',
    async newContext() {
      const context = await browser.newContext()
      return watchedContext(() => context.newPage(), chromiumPage, () => context.close())
    },
    close: () => browser.close(),
  }
}
