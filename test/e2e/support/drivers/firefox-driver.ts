import type { Page } from 'puppeteer-core'
import { launchFirefox } from '../../../support/engines/firefox-launch.ts'
import type { E2EBrowser } from '../driver.ts'
import { watchedContext, watchedPage, type WatchedPage } from './watched-page.ts'

/** An e2e page on a puppeteer page: errors from the watch and from Firefox's log of the page. */
function firefoxPage(page: Page): WatchedPage {
  const reported: string[] = []
  page.on('pageerror', (error) => reported.push(`page error ${error instanceof Error ? error.message : String(error)}`))
  page.on('console', (message) => {
    if (message.type() === 'error') reported.push(`console ${message.text()}`)
  })
  return watchedPage(page, reported)
}

/** Debian's Firefox ESR through puppeteer-core over WebDriver BiDi: a user context per profile, a window per page. */
export async function launchFirefoxDriver(): Promise<E2EBrowser> {
  const firefox = await launchFirefox()
  return {
    engine: 'firefox',
    async newContext() {
      const context = await firefox.browser.createBrowserContext()
      // A window, not a tab: Firefox clamps the timers of a hidden tab to >= 1 s, and every
      // window of the test stands for a tab that a user has in front of them.
      return watchedContext(() => context.newPage({ type: 'window' }), firefoxPage, () => context.close())
    },
    close: () => firefox.close(),
  }
}
