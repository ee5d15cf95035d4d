// The fixture of the outbox e2e: per file, a Vite server of the repo (workbox pre-bundled in
// production mode, as apps ship it, so that Vite never discovers it mid-test and reloads the
// page), the fault server, and the engine's browser; per test a fresh profile. Each scenario's
// figures for docket and workbox go to bench/results.json (`outbox`), by engine, when the
// run sets DOCKET_RECORD_OUTBOX=1.
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, afterEach, beforeAll } from 'vitest'
import { alias } from '../../../vitest.config.js'
import { startFaultServer, type Arrival } from '../../support/fault-server'
import type { E2EContext, E2EPage } from '../support/driver'
import { engineFixture } from '../support/engine-fixture'
import type { OutboxPageApi } from './page'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const resultsFile = fileURLToPath(new URL('../../../bench/results.json', import.meta.url))

/** One row of the side-by-side table. */
export interface Row {
  scenario: string
  library: 'docket' | 'workbox'
  requests: number
  delivered: number
  lost: number
  deliveredTwice: number
  /** Milliseconds from the network coming back to the last delivery, where the scenario has it. */
  onlineToDeliveryMs?: number
  note?: string
}

/** Deliveries per key (2xx answers the server gave), from what arrived. */
export function tally(arrivals: Arrival[], keys: string[], scenario: string, library: Row['library'], note?: string): Row {
  const delivered = new Map(keys.map((key) => [key, 0]))
  for (const arrival of arrivals) {
    if (arrival.key !== null && delivered.has(arrival.key) && /^2/.test(arrival.answer)) delivered.set(arrival.key, delivered.get(arrival.key)! + 1)
  }
  const counts = [...delivered.values()]
  return {
    scenario, library, requests: keys.length,
    delivered: counts.filter((count) => count >= 1).length,
    lost: counts.filter((count) => count === 0).length,
    deliveredTwice: counts.filter((count) => count > 1).length,
    ...(note ? { note } : {}),
  }
}

type Method = keyof OutboxPageApi

/** Calls the page's test API. */
export function call<K extends Method>(page: E2EPage, method: K, ...args: OutboxPageApi[K] extends (...a: infer A) => unknown ? A : never): Promise<OutboxPageApi[K] extends (...a: any[]) => infer R ? Awaited<R> : never> {
  return page.evaluate(({ method, args }) => {
    const api = (globalThis as unknown as { outboxTest: Record<string, (...a: unknown[]) => unknown> }).outboxTest
    return api[method]!(...args)
  }, { method, args: args as unknown[] }) as never
}

export async function startOutboxServer(): Promise<{ url: string; server: ViteDevServer; close(): Promise<void> }> {
  const server = await createServer({
    configFile: false,
    root,
    logLevel: 'error',
    mode: 'production',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    cacheDir: `${root}/node_modules/.vite-outbox-e2e`,
    resolve: { alias },
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    optimizeDeps: { entries: ['test/e2e/outbox/page.html', 'test/e2e/outbox/sw.ts'], include: ['idb', 'mitt', 'nanoid', 'comlink', 'workbox-background-sync'] },
  })
  await server.listen()
  const address = server.httpServer?.address()
  if (!address || typeof address === 'string') throw new Error('The outbox e2e server has no port')
  return { url: `http://127.0.0.1:${address.port}`, server, close: () => server.close() }
}

export interface OutboxE2E {
  readonly engine: string
  readonly faults: string
  arrivals(scenario: string): Promise<Arrival[]>
  /** Opens the test page in the test's profile (a new one per test), once its service worker is active. */
  open(query?: string): Promise<E2EPage>
  record(row: Row): void
}

export function outboxE2E(): OutboxE2E {
  const fixture = engineFixture(startOutboxServer)
  let faults: Awaited<ReturnType<typeof startFaultServer>> | undefined
  let context: E2EContext | undefined
  const rows: Row[] = []
  beforeAll(async () => {
    faults = await startFaultServer()
  })
  afterEach(() => {
    context = undefined
  })
  afterAll(async () => {
    await faults?.close()
    // Written only when asked, so that a test run leaves the tree as it was.
    if (!rows.length || !process.env.DOCKET_RECORD_OUTBOX) return
    await recordRows(fixture.engine, rows)
  })
  return {
    engine: fixture.engine,
    get faults() {
      return faults!.url
    },
    async arrivals(scenario) {
      return (await (await fetch(`${faults!.url}/log/${scenario}`)).json()) as Arrival[]
    },
    async open(query = '') {
      context ??= await fixture.newContext()
      const page = await context.open(`${fixture.url}/test/e2e/outbox/page.html${query}`)
      await page.evaluate(async () => {
        while (!('outboxTest' in globalThis)) await new Promise((resolve) => setTimeout(resolve, 20))
        await (globalThis as unknown as { outboxTest: { ready: Promise<boolean> } }).outboxTest.ready
      })
      return page
    },
    record: (row) => void rows.push(row),
  }
}

/** Replaces the engine's rows of the same scenarios in the `outbox` section of bench/results.json. */
export async function recordRows(engine: string, rows: Row[]): Promise<void> {
  const results = JSON.parse(await readFile(resultsFile, 'utf8').catch(() => '{}')) as { outbox?: { engines: Record<string, Row[]> } }
  const all = (results.outbox ??= { engines: {} }).engines
  const scenarios = new Set(rows.map((row) => row.scenario))
  all[engine] = [...(all[engine] ?? []).filter((row) => !scenarios.has(row.scenario)), ...rows]
  await writeFile(resultsFile, `${JSON.stringify(results, null, 2)}\n`)
}
