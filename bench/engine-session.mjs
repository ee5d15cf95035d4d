// One engine as bench/run.mjs drives it: a page it can load afresh and evaluate JSON in.
// Chromium: Playwright on an on-disk profile, with the flags behind the heap figures and the CDP
// session behind --cpu-profile (both Chromium-only). Firefox and WebKit: the e2e drivers
// (test/e2e/support/driver.ts: puppeteer-core over WebDriver BiDi, WebDriver classic with
// MiniBrowser under Xvfb), loaded through the bench's Vite server since they are TypeScript.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright'
import { chromiumArgs, requireProgram } from '../scripts/engines.mjs'

/** What each engine's IndexedDB is stored on, for results.json. */
export const storageOf = {
  chromium: 'on disk: a persistent Chromium profile in a temporary directory (launchPersistentContext), default durability',
  firefox: 'on disk: a Firefox profile directory of its own (puppeteer-core userDataDir), in a WebDriver BiDi user context, default durability',
  webkit: 'in-memory profile: MiniBrowser under WebKitWebDriver runs an ephemeral session (no on-disk website data), default durability',
}

function versionOf(program) {
  try {
    return execFileSync(requireProgram(program), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return 'unknown'
  }
}

/** WebKitGTK's version: neither MiniBrowser nor WebKitWebDriver print one, Debian's package does. */
function webkitVersion() {
  try {
    return `WebKitGTK ${execFileSync('dpkg-query', ['-W', '-f=${Version}', 'libwebkit2gtk-4.1-0'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()} (MiniBrowser)`
  } catch {
    return 'WebKitGTK (version unknown)'
  }
}

/** The engine's version as its program (or, for WebKit, its Debian package) reports it. */
export const engineVersion = (engine) => (engine === 'webkit' ? webkitVersion() : versionOf(engine))

/**
 * Chromium through Playwright. `page` is Playwright's, for --cpu-profile.
 * @param {(...args: unknown[]) => void} log
 */
async function openChromium(log) {
  const profileDir = mkdtempSync(join(os.tmpdir(), 'docket-bench-'))
  const args = [
    ...chromiumArgs,
    // Heap figures: exact `performance.memory` values, and `gc()` before each reading.
    '--enable-precise-memory-info', '--js-flags=--expose-gc',
  ]
  const context = await chromium.launchPersistentContext(profileDir, { executablePath: requireProgram('chromium'), args, headless: true })
  const page = context.pages()[0] ?? (await context.newPage())
  page.on('pageerror', (error) => log('page error:', error.message))
  page.on('console', (message) => message.type() === 'error' && log('console:', message.text()))
  return {
    page,
    async load(url) {
      await page.goto(url)
    },
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    /** A suite that timed out may still run in the page: the next load() ends it. */
    recover: async () => undefined,
    async close() {
      await context.close()
      rmSync(profileDir, { recursive: true, force: true })
    },
  }
}

/**
 * Firefox or WebKit through the e2e drivers: one profile (context) for the whole run, as
 * Chromium's, and a new window per load (the old one closed after, so that WebKit's session,
 * which ends with its last window, stays). A suite that timed out holds the WebDriver session
 * (its commands run one at a time): recover() leaves that profile and opens another.
 */
async function openDriven(engine, server) {
  /** @type {typeof import('../test/e2e/support/driver.ts')} */
  const { launchE2EBrowser } = await server.ssrLoadModule('/test/e2e/support/driver.ts')
  const browser = await launchE2EBrowser(engine)
  let context = await browser.newContext()
  let current
  return {
    page: undefined,
    async load(url) {
      const previous = current
      current = await context.open(url)
      if (previous) await previous.close()
    },
    evaluate: (fn, arg) => current.evaluate(fn, arg),
    async recover() {
      const stale = context
      // Not awaited: its session is busy with the suite that timed out.
      stale.close().catch(() => undefined)
      current = undefined
      context = await browser.newContext()
    },
    async close() {
      await Promise.race([context.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 10_000))])
      await browser.close()
    },
  }
}

/** Starts `engine` and returns its bench session. */
export function openEngine(engine, { server, log }) {
  return engine === 'chromium' ? openChromium(log) : openDriven(engine, server)
}
