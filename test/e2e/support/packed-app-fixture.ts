import type { Browser, BrowserContext } from 'playwright'
import type { InlineConfig } from 'vite'
import { afterAll, beforeAll } from 'vitest'
import { createPackedApp, type PackedApp } from '../../package/packed-app'
import { serveApp, type ServedApp } from '../../package/serve-app'
import { launchBrowser } from './browser'

/** What the fixture holds once `beforeAll` ran. */
export interface PackedAppFixture {
  app: PackedApp
  served: ServedApp
  browser: Browser
  context: BrowserContext
}

/**
 * For one test file: an app that installed the packed tarball (`app` options of
 * `createPackedApp`), served by its own Vite (`server` overrides, given the app's folder),
 * and a Chromium context to drive it as a user would. Everything goes in `afterAll`.
 */
export function packedAppFixture(
  app: Parameters<typeof createPackedApp>[0],
  server: (dir: string) => InlineConfig = () => ({ server: { hmr: false } }),
): PackedAppFixture {
  const fixture = {} as PackedAppFixture
  beforeAll(async () => {
    fixture.app = await createPackedApp(app)
    fixture.served = await serveApp(fixture.app.dir, server(fixture.app.dir))
    fixture.browser = await launchBrowser()
    fixture.context = await fixture.browser.newContext()
  }, 120_000)
  afterAll(async () => {
    await fixture.context?.close()
    await fixture.browser?.close()
    await fixture.served?.close()
    await fixture.app?.remove()
  })
  return fixture
}
