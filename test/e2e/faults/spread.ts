import { expect, it } from 'vitest'
import { figures, ms } from './figures'
import { dbName, openTab, runsByJob, runsByPage, type Suite } from './tabs'

const JOBS = 1000
const PAGES = 4

/** Four tabs, each with its own queue and workers, share 1,000 jobs added in one of them. */
export function spreadOverTabs(suite: Suite): void {
  it(`runs ${JOBS} jobs added in one of ${PAGES} tabs exactly once, spread over the tabs`, async () => {
    const context = await suite.browser.newContext()
    try {
      const db = dbName('spread')
      const tabs = await Promise.all(Array.from({ length: PAGES }, (_, i) => openTab(context, suite.base, { db, page: `tab${i}` })))
      const [first] = tabs
      const started = performance.now()
      // The first jobs of each tab wait until every tab runs one: the spread holds however
      // slowly a tab wakes, and the wait costs milliseconds.
      const ids = await first!.evaluate(([n, meet]) => window.faults.addBulk(n, 'work', { meet }), [JOBS, PAGES] as const)
      // Every tab hears of every completion, its own or through the channel.
      await first!.evaluate((n) => window.faults.until('completed', n), JOBS)
      const elapsed = performance.now() - started
      await Promise.all(tabs.map((tab) => tab.evaluate(() => window.faults.whenIdle())))

      const counts = await first!.evaluate(() => window.faults.counts())
      expect(counts).toMatchObject({ completed: JOBS, waiting: 0, delayed: 0, active: 0, failed: 0 })
      const rows = await first!.evaluate(() => window.faults.runs())
      const byJob = runsByJob(rows)
      const once = ids.filter((id) => byJob.get(id)?.length === 1).length
      const twice = ids.filter((id) => (byJob.get(id)?.length ?? 0) > 1).length
      const lost = ids.filter((id) => !byJob.has(id)).length
      expect({ runs: rows.length, once, twice, lost, strangers: [...byJob.keys()].filter((id) => !ids.includes(id)) })
        .toEqual({ runs: JOBS, once: JOBS, twice: 0, lost: 0, strangers: [] })
      // Each completion is announced once in every tab: no tab settles a job twice.
      for (const tab of tabs) {
        const completed = await tab.evaluate(() => window.faults.events('completed').map((e) => e.id!))
        expect(completed.length).toBe(JOBS)
        expect(new Set(completed).size).toBe(JOBS)
      }
      const perPage = runsByPage(rows)
      for (let i = 0; i < PAGES; i++) expect(perPage[`tab${i}`] ?? 0).toBeGreaterThan(0)
      figures.push({
        scenario: `${PAGES} tabs share ${JOBS} jobs`, jobs: JOBS, runs: rows.length, duplicates: twice, reRuns: 0, lost,
        latency: `all done in ${ms(elapsed)}`,
        note: `per tab: ${Object.entries(perPage).sort().map(([p, n]) => `${p} ${n}`).join(', ')}`,
      })
    } finally {
      await context.close()
    }
  })
}
