import type { Engine } from '../../../scripts/engines.mjs'

/**
 * A page of an e2e test, the same in every engine: Chromium through Playwright, Firefox through
 * puppeteer-core (WebDriver BiDi), WebKit through WebDriver classic. What crosses into and out
 * of the page follows WebDriver's rule, the strictest of the three: JSON values only (`undefined`
 * comes back as `null`), and the function must not close over anything of the test's.
 */
export interface E2EPage {
  /** Runs `fn` in the page and resolves to what it returns, awaited. */
  evaluate<R>(fn: () => R | Promise<R>): Promise<R>
  /** Runs `fn(arg)` in the page and resolves to what it returns, awaited. */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>
  /**
   * What the page reported as going wrong: uncaught errors, unhandled rejections, `console.error`
   * and CSP violations (the error watch every e2e server injects), plus what Chromium and Firefox
   * report of the page and its workers themselves. Still readable once the page is closed.
   */
  errors(): Promise<string[]>
  /** Closes the window, as a user closes a tab: its scripts and workers end without notice. */
  close(): Promise<void>
}

/** A browser profile of its own (IndexedDB, service workers); its windows share them, as tabs do. */
export interface E2EContext {
  /** Opens `url` in a new window of this profile; resolves once it has loaded. */
  open(url: string): Promise<E2EPage>
  /** Closes every window and forgets the profile. */
  close(): Promise<void>
}

/** One engine, started once per test file. */
export interface E2EBrowser {
  readonly engine: Engine
  /** The profiles are kept apart: each test gets a fresh one. */
  newContext(): Promise<E2EContext>
  close(): Promise<void>
}

/** Starts `engine` headless (WebKit under Xvfb when there is no display). */
export async function launchE2EBrowser(engine: Engine): Promise<E2EBrowser> {
  // Imported on demand: a run in one engine loads none of the other engines' clients.
  if (engine === 'chromium') return (await import('./drivers/chromium-driver.ts')).launchChromiumDriver()
  if (engine === 'firefox') return (await import('./drivers/firefox-driver.ts')).launchFirefoxDriver()
  return (await import('./drivers/webkit-driver.ts')).launchWebKitDriver()
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The engine an e2e project drives (`inject('engine')`), set per project in vitest.config.ts. */
    engine: Engine
  }
}
