import { expect, it } from 'vitest'
import { figures, spread } from './figures'
import { dbName, openTab, runsByJob, type Suite } from './tabs'

const JOBS = 6
const LEASE = 1000

/** A tab closed while its jobs run: another tab recovers them as soon as the closed tab's Web Lock is released (its lease is the fallback). */
export function closedTab(suite: Suite): void {
  it('recovers the jobs of a tab closed mid-run at once, spending no attempt, and completes each once', async () => {
    const context = await suite.browser.newContext()
    try {
      const db = dbName('closed')
      const victim = await openTab(context, suite.base, { db, page: 'victim', concurrency: JOBS, lease: LEASE })
      // Held in the victim for as long as it lives, however slow the machine: closing it is what
      // ends their runs there. In the rescuer they run through.
      const ids = await victim.evaluate((n) => window.faults.addBulk(n, 'work', { steps: 4, holdIn: 'victim' }), JOBS)
      // The first progress comes after each handler wrote its run row: every job is mid-run.
      await victim.evaluate((n) => window.faults.until('progress', n), JOBS)
      // Opened now, the rescuer's start-up sweep meets live leases and must leave them alone.
      const rescuer = await openTab(context, suite.base, { db, page: 'rescuer', concurrency: JOBS, lease: LEASE })
      const closedAt = Date.now()
      await victim.close()

      await rescuer.evaluate((n) => window.faults.until('completed', n), JOBS)
      await rescuer.evaluate(() => window.faults.whenIdle())
      const stalled = await rescuer.evaluate(() => window.faults.events('stalled'))
      expect(new Set(stalled.map((e) => e.id))).toEqual(new Set(ids))
      expect(stalled.length).toBe(JOBS)
      // None while the victim lived: the rescuer's start-up sweep and its timer left live leases alone.
      const recovery = stalled.map((e) => e.at - closedAt)
      expect(Math.min(...recovery)).toBeGreaterThan(0)
      const completed = await rescuer.evaluate(() => window.faults.events('completed').map((e) => e.id!))
      expect(completed.sort()).toEqual([...ids].sort())
      const duplicates = completed.length - new Set(completed).size

      const rows = await rescuer.evaluate(() => window.faults.runs())
      const byJob = runsByJob(rows)
      for (const id of ids) {
        // An interrupted run spends no attempt: the rescuer's run is attempt 1 again.
        const runs = byJob.get(id) ?? []
        expect(runs.map((r) => [r.page, r.attempt])).toEqual([['victim', 1], ['rescuer', 1]])
        const job = await rescuer.evaluate((jobId) => window.faults.get(jobId), id)
        expect(job).toMatchObject({ state: 'completed', attempts: 1, stalls: 1, errors: [], result: { page: 'rescuer' } })
      }
      const reRuns = ids.filter((id) => byJob.get(id)!.length === 2).length
      expect(byJob.size).toBe(JOBS)
      figures.push({
        scenario: 'tab closed mid-run', jobs: JOBS, runs: rows.length, duplicates, reRuns, lost: 0,
        latency: `close→stalled ${spread(recovery)}`,
        note: `lease ${LEASE} ms; jobs held until the tab closed; ${reRuns} re-run in rescuer`,
      })
    } finally {
      await context.close()
    }
  })
}
