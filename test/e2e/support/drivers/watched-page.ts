import type { E2EContext, E2EPage } from '../driver.ts'
import { watchedErrors } from '../error-watch.ts'

/** What Playwright's and puppeteer's pages share, as the watched page uses it. */
export interface ScriptablePage {
  evaluate(fn: (arg: any) => unknown, arg?: unknown): Promise<unknown>
  isClosed(): boolean
  close(): Promise<void>
}

/** An e2e page whose errors are the page's own watch plus `reported` (what the driver heard of it). */
export type WatchedPage = E2EPage & { keepErrors(): Promise<void> }

/**
 * An e2e page on a Playwright or puppeteer page: the error watch is read while the page is open
 * (a closed page has none to read) and kept, with what the driver `reported`, for `errors()`.
 */
export function watchedPage(page: ScriptablePage, reported: string[]): WatchedPage {
  let watched: string[] = []
  const keepErrors = async (): Promise<void> => {
    if (!page.isClosed()) watched = (await page.evaluate(watchedErrors)) as string[]
  }
  return {
    // Both drivers' types unwrap handles, which these pages never pass: plain JSON in and out.
    evaluate: <A, R>(fn: (arg: A) => R | Promise<R>, arg?: A) => page.evaluate(fn as (arg: unknown) => R, arg) as Promise<R>,
    async errors() {
      await keepErrors()
      return [...watched, ...reported]
    },
    async close() {
      await keepErrors()
      await page.close()
    },
    keepErrors,
  }
}

/**
 * A profile whose windows are watched pages: `newWindow` opens a blank window of the driver's
 * own and `watch` wraps it; `close` keeps every window's errors before `closeProfile`.
 */
export function watchedContext<P extends { goto(url: string): Promise<unknown> }>(
  newWindow: () => Promise<P>,
  watch: (page: P) => WatchedPage,
  closeProfile: () => Promise<void>,
): E2EContext {
  const pages: WatchedPage[] = []
  return {
    async open(url) {
      const page = await newWindow()
      const watched = watch(page)
      pages.push(watched)
      await page.goto(url)
      return watched
    },
    async close() {
      await Promise.all(pages.map((page) => page.keepErrors()))
      await closeProfile()
    },
  }
}
