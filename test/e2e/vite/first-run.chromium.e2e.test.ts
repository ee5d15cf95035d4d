// Vite's dev server, first run: a new app (docket from the packed tarball, a module Worker that
// imports `docket/worker`, no Vite config) on a cold dependency cache. Vite's dep scanner does
// not follow `new Worker(new URL(…))`, so Vite finds `docket/worker` when the worker loads and
// pre-bundles it then; had that changed `docket`'s pre-bundle, Vite would reload the page under
// the running job. docket ships `docket/worker` as one self-contained module to prevent that
// (scripts/bundle-worker.mjs).
import { join } from 'node:path'
import { createLogger } from 'vite'
import { expect, it } from 'vitest'
import { packedAppFixture } from '../support/packed-app-fixture'

const serverLog: string[] = []
// What `npx vite` would print; kept, not shown.
const logger = createLogger('info')
logger.info = (message) => void serverLog.push(message)
logger.warn = (message) => void serverLog.push(message)
const e2e = packedAppFixture({ copy: [new URL('./app/', import.meta.url)], dependencies: ['vite'] }, (dir) => ({
  cacheDir: join(dir, 'node_modules', '.vite'), // Vite's default, and empty: a cold cache
  logLevel: 'info',
  customLogger: logger,
}))

it('runs the first job without reloading the page', async () => {
  const page = await e2e.context.newPage()
  await page.goto(e2e.served.url)
  await page.waitForSelector('body[data-ready="true"]')
  await page.evaluate(() => Object.assign(window, { marker: 'set before the first job' }))
  const reloaded = new Promise<'reloaded'>((resolve) => {
    page.on('framenavigated', (frame) => frame === page.mainFrame() && resolve('reloaded'))
  })

  await page.click('button')
  // A reload would lose the job's result in this page: stop at the reload, not at a timeout.
  const completed = page.waitForSelector('output[data-state="completed"]').then(() => 'completed' as const, () => 'page closed' as const)
  expect(await Promise.race([completed, reloaded]), serverLog.join('\n')).toBe('completed')

  expect(await page.textContent('output')).toBe('HELLO')
  expect(await page.evaluate(() => (window as { marker?: string }).marker)).toBe('set before the first job')
  // The worker got `docket/worker` only after any re-optimization, whose reload is logged first.
  expect(serverLog.filter((line) => /reloading/.test(line))).toEqual([])
})
