import { chromium, type Browser, type BrowserContext } from 'playwright'

/** Debian's Chromium: `CHROMIUM_PATH`, default /usr/bin/chromium. Playwright's own browsers cannot be downloaded here. */
export const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Flags that keep Chromium quiet on a closed network. */
export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]

/** A headless Chromium; pages of one context share IndexedDB, as tabs of one profile do. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath, args: chromiumArgs, headless: true })
}

/** A context on an on-disk profile directory: IndexedDB survives closing (or killing) the browser. */
export function launchPersistent(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { executablePath, args: chromiumArgs, headless: true })
}
