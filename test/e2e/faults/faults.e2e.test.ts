/**
 * The fault suite, in each engine: real tabs sharing one IndexedDB, closed, frozen and hung,
 * each scenario in its own browser profile and database. Prints its figures at the end.
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject } from 'vitest'
import { launchE2EBrowser, type E2EBrowser } from '../support/driver.ts'
import { holdsPlugin } from '../support/holds.ts'
import { startServer } from '../support/server'
import { printFigures } from './figures'
import { closedTab } from './closed-tab'
import { hungWorker } from './hung-worker'
import { lateSettle } from './late-settle'
import { spreadOverTabs } from './spread'
import { openedTabs, type Suite } from './tabs'
import { wakeUp } from './wake-up'

const engine = inject('engine')
const holds = holdsPlugin()
let server: Awaited<ReturnType<typeof startServer>> | undefined
let browser: E2EBrowser | undefined
const suite: Suite = {
  get base() {
    return server!.url
  },
  get browser() {
    return browser!
  },
  release: holds.release,
}

beforeAll(async () => {
  server = await startServer({ plugins: [holds.plugin] })
  browser = await launchE2EBrowser(engine)
})

afterEach(async () => {
  const tabs = openedTabs.splice(0)
  const errors = (await Promise.all(tabs.map(async ({ name, page }) => (await page.errors()).map((error) => `${name}: ${error}`)))).flat()
  expect(errors).toEqual([])
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  printFigures(engine)
})

describe(`many tabs, reloads and hung workers (${engine})`, () => {
  spreadOverTabs(suite)
  closedTab(suite)
  hungWorker(suite)
  lateSettle(suite)
  wakeUp(suite)
})
