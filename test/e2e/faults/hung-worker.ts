import { expect, it } from 'vitest'
import { figures, ms } from './figures'
import { dbName, openTab, runsByJob, type Suite } from './tabs'

/** A handler that spins forever, ignoring its signal. */
export function hungWorker(suite: Suite): void {
  it('fails a hung job by TimeoutError, terminates its worker, and runs the next jobs', async () => {
    const context = await suite.browser.newContext()
    try {
      const db = dbName('hung-timeout')
      const tab = await openTab(context, suite.base, { db, page: 'tab', concurrency: 1, grace: 200 })
      const hung = await tab.evaluate(() => window.faults.add('hang', {}, { timeout: 300, attempts: 1 }))
      const next = await tab.evaluate(() => window.faults.addBulk(3, 'work', {}))
      await tab.evaluate(() => window.faults.until('completed', 3))
      await tab.evaluate(() => window.faults.whenIdle())

      expect(await tab.evaluate((id) => window.faults.get(id), hung.id)).toMatchObject({ state: 'failed', attempts: 1, errors: ['TimeoutError'] })
      const failed = await tab.evaluate(() => window.faults.events('failed'))
      expect(failed).toMatchObject([{ id: hung.id, error: 'TimeoutError' }])
      const active = (await tab.evaluate(() => window.faults.events('active'))).find((e) => e.id === hung.id)!
      // One slot: the next jobs could only run in a new worker, after the spinning one was terminated.
      expect(await tab.evaluate(() => window.faults.workers())).toBe(2)
      const rows = await tab.evaluate(() => window.faults.runs())
      const byJob = runsByJob(rows)
      for (const id of [hung.id, ...next]) expect(byJob.get(id)?.length).toBe(1)
      figures.push({
        scenario: 'hung worker, timeout', jobs: 4, runs: rows.length, duplicates: 0, reRuns: 0, lost: 0,
        latency: `active→failed ${ms(failed[0]!.at - active.at)}`,
        note: 'timeout 300 ms + grace 200 ms; worker replaced, 3 next jobs completed',
      })
    } finally {
      await context.close()
    }
  })

  it('recovers a hung job without timeout once its tab is closed, while other tabs go on', async () => {
    const context = await suite.browser.newContext()
    try {
      const db = dbName('hung-lease')
      const lease = 1000
      const stuck = await openTab(context, suite.base, { db, page: 'stuck', concurrency: 1, lease })
      const hung = await stuck.evaluate(() => window.faults.add('hang', { hangIn: 'stuck' }, { attempts: 2 }))
      await stuck.evaluate((id) => window.faults.until('progress', 1, id), hung.id)
      const other = await openTab(context, suite.base, { db, page: 'other', lease })
      // The stuck tab's only slot is taken: jobs added there run in the other tab meanwhile.
      const next = await stuck.evaluate(() => window.faults.addBulk(2, 'work', {}))
      await other.evaluate(() => window.faults.until('completed', 2))
      expect(await other.evaluate((id) => window.faults.get(id), hung.id)).toMatchObject({ state: 'active', attempts: 1 })

      const closedAt = Date.now()
      await stuck.close()
      await other.evaluate((id) => window.faults.until('completed', 1, id), hung.id)
      await other.evaluate(() => window.faults.whenIdle())
      expect(await other.evaluate((id) => window.faults.get(id), hung.id))
        .toMatchObject({ state: 'completed', attempts: 1, stalls: 1, errors: [], result: { page: 'other' } })
      const stalled = await other.evaluate(() => window.faults.events('stalled'))
      expect(stalled.map((e) => e.id)).toEqual([hung.id])
      const completed = await other.evaluate(() => window.faults.events('completed').map((e) => e.id))
      expect(completed.sort()).toEqual([hung.id, ...next].sort())
      const rows = await other.evaluate(() => window.faults.runs())
      const byJob = runsByJob(rows)
      expect(byJob.get(hung.id)?.map((r) => r.page)).toEqual(['stuck', 'other'])
      for (const id of next) expect(byJob.get(id)?.map((r) => r.page)).toEqual(['other'])
      figures.push({
        scenario: 'hung worker, tab closed', jobs: 3, runs: rows.length, duplicates: 0, reRuns: 1, lost: 0,
        latency: `close→stalled ${ms(stalled[0]!.at - closedAt)}`,
        note: `lease ${lease} ms, no timeout; 2 jobs ran elsewhere meanwhile`,
      })
    } finally {
      await context.close()
    }
  })
}
