import { chromium, type Browser, type BrowserContext } from 'playwright'
import { chromiumArgs, requireProgram } from '../../../scripts/engines.mjs'

/** Debian's Chromium (scripts/engines.mjs finds it). Playwright's own browsers cannot be downloaded here. */
const executablePath = (): string => requireProgram('chromium')

/** A headless Chromium; pages of one context share IndexedDB, as tabs of one profile do. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: executablePath(), args: [...chromiumArgs], headless: true })
}

/** A context on an on-disk profile directory: IndexedDB survives closing (or killing) the browser. */
export function launchPersistent(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { executablePath: executablePath(), args: [...chromiumArgs], headless: true })
}
