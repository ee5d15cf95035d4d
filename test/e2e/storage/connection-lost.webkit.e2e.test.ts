import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchWebKitDriver } from '../support/drivers/webkit-driver.ts'
import { descendants } from '../support/process-tree.ts'
import { reportsPlugin } from '../support/reports.ts'
import { startServer } from '../support/server'

// WebKit keeps IndexedDB in its network process. When that process dies (iOS kills it behind
// pages in the background), WebKit closes every IndexedDB connection of the page and refuses
// new ones ("Connection to Indexed Database server lost. Refresh the page to try again") until
// the page is loaded again. docket cannot reopen there: it must say so, not hang.
// What a reload does then is WebKit's: MiniBrowser under automation did not run the reloaded
// page's script in 5 of 8 runs here (and keeps IndexedDB in memory, so the jobs of before are
// gone with the process), so the reload is not part of this test; a reload is a fresh open,
// tested in every engine elsewhere.
const reports = reportsPlugin()
let server: Awaited<ReturnType<typeof startServer>>
let browser: Awaited<ReturnType<typeof launchWebKitDriver>>

beforeAll(async () => {
  server = await startServer({ plugins: [reports.plugin] })
  browser = await launchWebKitDriver()
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

it('reports a lost IndexedDB server as StorageError without hanging', async () => {
  const context = await browser.newContext()
  try {
    const page = await context.open(`${server.url}/test/e2e/storage/connection-lost.html?db=lost-${Date.now()}`)
    expect(await page.evaluate(() => (window as unknown as { connectionLost: { ready(): Promise<unknown> } }).connectionLost.ready())).toBe(2)
    const network = descendants(browser.driverPid).filter((p) => p.name.startsWith('WebKitNetworkPr'))
    expect(network).toHaveLength(1)
    process.kill(network[0]!.pid, 'SIGKILL')

    // WebDriver's session ends with the network process: the page reports by itself.
    const lostMessage = 'Connection to Indexed Database server lost. Refresh the page to try again'
    // WebKit's two words for it: the server lost, or (when docket's connection has not yet
    // had its close event) the connection closing.
    const lostError = /^StorageError: Storage failed while [a-z ]+: (Connection to Indexed Database server lost|.*The database connection is closing)/
    const lost = (await reports.next()) as { add: { error: string }; errors: string[] }
    expect(lost).toMatchObject({
      step: 'lost',
      // Not docket's doing: the page itself cannot open a database any more.
      reopen: { error: `UnknownError: ${lostMessage}` },
    })
    expect(lost.add.error).toMatch(lostError)
    // The queue's `error` events say the same, and nothing else.
    expect(lost.errors.length).toBeGreaterThan(0)
    expect(lost.errors.filter((error) => !lostError.test(error))).toEqual([])
  } finally {
    await context.close()
  }
})
