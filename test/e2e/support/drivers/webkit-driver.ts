import { remote } from 'webdriverio'
import { startWebKitDriver } from '../../../support/engines/webkit-driver.ts'
import type { E2EBrowser, E2EContext, E2EPage } from '../driver.ts'
import { watchedErrors } from '../error-watch.ts'

/** Long enough for any evaluate of a test; the test's own timeout is what bounds it. */
const SCRIPT_TIMEOUT = 600_000

/**
 * A profile is a WebDriver session: one MiniBrowser process whose windows share its storage.
 * A session runs one command at a time in the window it is switched to, so every command on
 * a window switches to it first, in turn. WebDriver classic reports no console or page errors:
 * what a page reports comes from the error watch the e2e servers inject.
 */
async function webkitContext(hostname: string, port: number, capabilities: object): Promise<E2EContext> {
  const session = await remote({ hostname, port, path: '/', capabilities, logLevel: 'silent' })
  await session.setTimeout({ script: SCRIPT_TIMEOUT, pageLoad: 60_000 })
  let turn: Promise<unknown> = Promise.resolve()
  /** Runs `command` once the session's commands before it ended. */
  const inTurn = <R>(command: () => Promise<R>): Promise<R> => {
    const run = turn.then(command)
    turn = run.catch(() => undefined)
    return run
  }
  /** Runs `command` in window `handle`, in turn. */
  const inWindow = <R>(handle: string, command: () => Promise<R>): Promise<R> =>
    inTurn(async () => {
      await session.switchToWindow(handle)
      return command()
    })
  // The session's first window, until a test opens a page in it.
  let blank: string | undefined = await session.getWindowHandle()
  const pages: Array<{ handle: string; closed: boolean; watched: string[] }> = []
  const keepErrors = async (page: (typeof pages)[number]): Promise<void> => {
    if (!page.closed) page.watched = await inWindow(page.handle, () => session.execute(watchedErrors))
  }

  return {
    async open(url) {
      const handle = blank ?? (await inTurn(() => session.createWindow('window'))).handle
      blank = undefined
      const page = { handle, closed: false, watched: [] as string[] }
      pages.push(page)
      await inWindow(handle, async () => {
        await session.navigateTo(url)
        // WebKit's driver returns from navigation once the document is interactive, before the
        // load event (and before module scripts ran): wait for the load, as the others do.
        await session.execute(() => document.readyState === 'complete' || new Promise((resolve) => addEventListener('load', () => resolve(true), { once: true })))
      })
      const e2ePage: E2EPage = {
        evaluate: <A, R>(fn: (arg: A) => R | Promise<R>, arg?: A) =>
          // WebdriverIO's types map elements, which these pages never pass: plain JSON in and out.
          inWindow(handle, () => (arg === undefined ? session.execute(fn as () => R) : session.execute(fn as (...args: unknown[]) => R, arg as unknown)) as Promise<R>),
        async errors() {
          await keepErrors(page)
          return [...page.watched]
        },
        async close() {
          await keepErrors(page)
          await inWindow(handle, () => session.closeWindow())
          page.closed = true
        },
      }
      return e2ePage
    },
    async close() {
      for (const page of pages) {
        await keepErrors(page).catch(() => undefined)
        page.closed = true
      }
      // Closing its last window may have ended the session already.
      await session.deleteSession().catch(() => undefined)
    },
  }
}

/**
 * Debian's WebKitGTK: its WebKitWebDriver (under Xvfb without a display) and a MiniBrowser per
 * profile. `driverPid` roots the tree of WebKit's processes, for tests that kill one of them.
 */
export async function launchWebKitDriver(): Promise<E2EBrowser & { readonly driverPid: number }> {
  const driver = await startWebKitDriver()
  return {
    engine: 'webkit',
    driverPid: driver.pid,
    newContext: () => webkitContext(driver.hostname, driver.port, driver.capabilities),
    close: () => driver.stop(),
  }
}
