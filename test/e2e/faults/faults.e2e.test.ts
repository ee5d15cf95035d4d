/**
 * The fault suite: real Chromium tabs sharing one IndexedDB, closed, frozen, hung and killed,
 * each scenario in its own browser context and database. Prints its figures at the end.
 */
import type { Browser } from 'playwright'
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest'
import { launchBrowser } from '../support/browser'
import { startServer } from '../support/server'
import { printFigures } from './figures'
import { closedTab } from './closed-tab'
import { hungWorker } from './hung-worker'
import { killedBrowser } from './killed-browser'
import { lateSettle } from './late-settle'
import { spreadOverTabs } from './spread'
import { pageErrors, type Suite } from './tabs'
import { wakeUp } from './wake-up'

let server: Awaited<ReturnType<typeof startServer>> | undefined
let browser: Browser | undefined
const suite: Suite = {
  get base() {
    return server!.url
  },
  get browser() {
    return browser!
  },
}

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
})

afterEach(() => {
  const errors = pageErrors.splice(0)
  expect(errors).toEqual([])
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  printFigures()
})

describe('many tabs, reloads and crashes', () => {
  spreadOverTabs(suite)
  closedTab(suite)
  hungWorker(suite)
  lateSettle(suite)
  wakeUp(suite)
  killedBrowser(suite)
})
