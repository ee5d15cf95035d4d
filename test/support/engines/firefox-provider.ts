import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { defineBrowserProvider } from '@vitest/browser'
import type { Browser, Page } from 'puppeteer-core'
import type { BrowserProvider, TestProject } from 'vitest/node'
import { launchFirefox, type LaunchedFirefox } from './firefox-launch.ts'

// vitest's own "preview" provider only opens pages; this one reuses its locators and, by taking
// its name, vitest's fallback of userEvent to @testing-library/user-event (synthetic events).
const previewDist = join(dirname(createRequire(import.meta.url).resolve('@vitest/browser-preview/package.json')), 'dist')

/**
 * Opens vitest's test pages in Firefox, then lets go of the page. While a puppeteer BiDi
 * session stays open, Firefox starts module workers in a window opened by `window.open` about
 * 20 s late (≈ 50 ms without automation); with the session ended they start at once.
 */
class FirefoxProvider implements BrowserProvider {
  readonly name = 'preview'
  readonly supportsParallelism = false
  readonly distRoot = previewDist
  readonly initScripts = [join(previewDist, 'locators.js')]
  #firefox?: Promise<LaunchedFirefox>
  #session?: Browser
  #pages = new Map<string, Page>()

  constructor(private readonly project: TestProject) {}

  getCommandsContext(): Record<string, unknown> {
    return {}
  }

  async openPage(sessionId: string, url: string): Promise<void> {
    this.#firefox ??= launchFirefox({ headless: this.project.config.browser.headless !== false })
    const firefox = await this.#firefox
    if (!this.#session?.connected) {
      // The session of the last page was ended: a new one opens this page.
      this.#session = this.#session ? await firefox.connect() : firefox.browser
      this.#pages.clear()
    }
    let page = this.#pages.get(sessionId)
    if (!page) {
      page = await this.#session.newPage()
      this.#pages.set(sessionId, page)
    }
    await page.goto(url)
    await this.#session.disconnect()
  }

  async close(): Promise<void> {
    const firefox = await this.#firefox?.catch(() => undefined)
    this.#firefox = undefined
    this.#session = undefined
    this.#pages.clear()
    await firefox?.close()
  }
}

/** vitest's browser provider for Debian's Firefox ESR (puppeteer-core, WebDriver BiDi, no geckodriver). */
export function firefoxProvider() {
  return defineBrowserProvider({
    name: 'preview',
    supportedBrowser: ['firefox'] as const,
    options: {},
    providerFactory: (project: TestProject) => new FirefoxProvider(project),
  })
}
