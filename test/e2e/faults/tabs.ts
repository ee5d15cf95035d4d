import type { E2EBrowser, E2EContext, E2EPage } from '../support/driver.ts'
import type { RunRow } from './runs'


/** Query parameters of `tab.html`. */
export interface TabParams {
  db: string
  page: string
  concurrency?: number
  lease?: number
  grace?: number
  autostart?: boolean
}

/** The address of a tab of the fault suite. */
export function tabUrl(base: string, params: TabParams): string {
  const query = new URLSearchParams({ db: params.db, page: params.page })
  for (const key of ['concurrency', 'lease', 'grace'] as const) if (params[key] !== undefined) query.set(key, String(params[key]))
  if (params.autostart === false) query.set('autostart', '0')
  return `${base}/test/e2e/faults/tab.html?${query}`
}

/** Every tab the suite opened, by its name: a fault test must not pass over a crashed page. */
export const openedTabs: Array<{ name: string; page: E2EPage }> = []

/** Opens a tab of the fault suite in `context` (tabs of one context share IndexedDB); resolves once its queue is up. */
export async function openTab(context: E2EContext, base: string, params: TabParams): Promise<E2EPage> {
  const page = await context.open(tabUrl(base, params))
  openedTabs.push({ name: params.page, page })
  // tab.ts is a module script without top-level await: it has run once the page has loaded.
  if (!(await page.evaluate(() => window.faults !== undefined))) throw new Error(`tab ${params.page} loaded without window.faults`)
  return page
}

/** Run rows per job id. */
export function runsByJob(rows: RunRow[]): Map<string, RunRow[]> {
  const by = new Map<string, RunRow[]>()
  for (const row of rows) by.set(row.job, [...(by.get(row.job) ?? []), row])
  return by
}

/** How many rows each page wrote. */
export function runsByPage(rows: RunRow[]): Record<string, number> {
  const by: Record<string, number> = {}
  for (const row of rows) by[row.page] = (by[row.page] ?? 0) + 1
  return by
}

/** A database name no other scenario uses. */
export function dbName(scenario: string): string {
  return `faults-${scenario}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}

/** What every scenario gets from the suite: the server's address and a shared headless browser. */
export interface Suite {
  readonly base: string
  readonly browser: E2EBrowser
  /** Thaws the tab frozen on `key` (`freezeOnActive(key)`). */
  release(key: string): void
}
