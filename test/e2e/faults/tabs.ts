import type { BrowserContext, Page } from 'playwright'
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

/** Errors thrown in any page of the suite: a fault test must not pass over a crashed page. */
export const pageErrors: string[] = []

/** Opens a tab of the fault suite in `context` (tabs of one context share IndexedDB) and waits for its queue. */
export async function openTab(context: BrowserContext, base: string, params: TabParams): Promise<Page> {
  const query = new URLSearchParams({ db: params.db, page: params.page })
  for (const key of ['concurrency', 'lease', 'grace'] as const) if (params[key] !== undefined) query.set(key, String(params[key]))
  if (params.autostart === false) query.set('autostart', '0')
  const page = await context.newPage()
  page.on('pageerror', (error) => pageErrors.push(`${params.page}: ${error.message}`))
  await page.goto(`${base}/test/e2e/faults/tab.html?${query}`)
  await page.waitForFunction(() => window.faults !== undefined)
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
  readonly browser: import('playwright').Browser
}
