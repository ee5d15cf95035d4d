import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
// Static: a lazy import() from a module that vitest's config loads would run after the config's
// module runner closed.
import puppeteer, { type Browser } from 'puppeteer-core'
import { firefoxPrefs, requireProgram } from '../../../scripts/engines.mjs'

/** A Firefox started by `launchFirefox`: puppeteer's first session, and how to end it all. */
export interface LaunchedFirefox {
  /** Puppeteer's WebDriver BiDi session (it may be disconnected later: `connect()` makes a new one). */
  browser: Browser
  /** A new BiDi session to the same Firefox. */
  connect(): Promise<Browser>
  /** Kills Firefox (SIGKILL after 5 s) and removes its profile directory. */
  close(): Promise<void>
}

/**
 * Debian's Firefox ESR through puppeteer-core over WebDriver BiDi: Firefox speaks it itself,
 * so no geckodriver (Debian has none) is needed. Headless, on a profile directory of its own.
 */
export async function launchFirefox(options: { headless?: boolean } = {}): Promise<LaunchedFirefox> {
  // Ours, not puppeteer's: removed in close() also when the session was ended and puppeteer
  // no longer tracks the process.
  const profile = mkdtempSync(join(tmpdir(), 'docket-firefox-'))
  let browser: Browser
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: requireProgram('firefox'),
      headless: options.headless ?? true,
      userDataDir: profile,
      extraPrefsFirefox: { ...firefoxPrefs },
    })
  } catch (error) {
    rmSync(profile, { recursive: true, force: true })
    throw error
  }
  const proc = browser.process()
  const wsEndpoint = browser.wsEndpoint()
  return {
    browser,
    connect: () => puppeteer.connect({ browserWSEndpoint: wsEndpoint, protocol: 'webDriverBiDi' }),
    async close() {
      if (browser.connected) await browser.close().catch(() => undefined)
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
        proc.kill('SIGTERM')
        const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000)
        await exited
        clearTimeout(timer)
      }
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
