import { defineBrowserProvider } from '@vitest/browser'
import { WebdriverBrowserProvider, type WebdriverProviderOptions } from '@vitest/browser-webdriverio'
import type { BrowserProvider, TestProject } from 'vitest/node'
import { startWebKitDriver, type WebKitDriver } from './webkit-driver.ts'

/** The members of the base class this provider changes; private in its types, public at run time. */
interface ProviderInternals {
  options: WebdriverProviderOptions
  buildCapabilities(): object
}

/**
 * vitest's WebdriverIO provider, pointed at a WebKitWebDriver of its own. The base class
 * would ask for `browserName: 'safari'` and BiDi, which WebKitGTK refuses, and WebdriverIO
 * would try to download a driver: here it connects to ours by hostname and port.
 */
class WebKitProvider extends WebdriverBrowserProvider {
  #driver?: Promise<WebKitDriver>

  constructor(project: TestProject) {
    super(project, {})
  }

  override async openBrowser(): Promise<WebdriverIO.Browser> {
    this.#driver ??= startWebKitDriver()
    const driver = await this.#driver
    const internals = this as unknown as ProviderInternals
    Object.assign(internals.options, { hostname: driver.hostname, port: driver.port, path: '/' })
    internals.buildCapabilities = () => driver.capabilities
    return super.openBrowser()
  }

  override async close(): Promise<void> {
    try {
      await super.close()
    } finally {
      const driver = await this.#driver?.catch(() => undefined)
      this.#driver = undefined
      await driver?.stop()
    }
  }
}

/** vitest's browser provider for Debian's WebKitGTK: WebKitWebDriver and MiniBrowser, under Xvfb when there is no display. */
export function webkitProvider() {
  return defineBrowserProvider({
    // Keeps vitest's WebdriverIO code paths (userEvent through WebDriver actions).
    name: 'webdriverio',
    supportedBrowser: ['webkit'] as const,
    options: {},
    providerFactory: (project: TestProject) => new WebKitProvider(project) as unknown as BrowserProvider,
  })
}
