import { afterAll, afterEach, beforeAll, inject } from 'vitest'
import type { Engine } from '../../../scripts/engines.mjs'
import { launchE2EBrowser, type E2EBrowser, type E2EContext } from './driver.ts'
import { startServer } from './server.ts'

/** What an e2e file gets from `engineFixture()`. */
export interface EngineFixture {
  /** The engine of this project (`inject('engine')`). */
  readonly engine: Engine
  /** The test server's origin. */
  readonly url: string
  /** A fresh profile for this test (its own IndexedDB and service workers), closed after it. */
  newContext(): Promise<E2EContext>
}

/** One test server (`startServer`'s, or the file's own) and one browser of the project's engine per file; a fresh profile per test. */
export function engineFixture(start: () => Promise<{ url: string; close(): Promise<void> }> = startServer): EngineFixture {
  const engine = inject('engine')
  let server: { url: string; close(): Promise<void> } | undefined
  let browser: E2EBrowser | undefined
  let context: E2EContext | undefined
  beforeAll(async () => {
    server = await start()
    browser = await launchE2EBrowser(engine)
  })
  afterEach(async () => {
    await context?.close()
    context = undefined
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })
  return {
    engine,
    get url() {
      return server!.url
    },
    async newContext() {
      context = await browser!.newContext()
      return context
    },
  }
}
