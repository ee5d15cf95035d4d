import { expect, inject, it } from 'vitest'
import { figures, ms } from './figures'
import { dbName, openTab, runsByJob, type Suite } from './tabs'

const LEASE = 600

/** A tab frozen past its lease settles late: the fence refuses it and the newer run stands. */
export function lateSettle(suite: Suite): void {
  // Not in WebKit: there the thawed tab never fell idle after its main thread was blocked (3 of
  // the last 4 runs here timed out waiting for it; 1 passed). The fence itself is checked in
  // WebKit by the storage conformance suite (fenced-settle); why the tab stays busy is open.
  it.skipIf(inject('engine') === 'webkit')("ignores an old owner's late settle after its lease was taken over", async () => {
    const context = await suite.browser.newContext()
    const db = dbName('late')
    const freeze = `${db}-freeze`
    try {
      const old = await openTab(context, suite.base, { db, page: 'old', concurrency: 1, lease: LEASE })
      const taker = await openTab(context, suite.base, { db, page: 'taker', lease: LEASE, autostart: false })
      // Warm the old tab's worker, so its handler can run while the tab's main thread is frozen.
      const warm = await old.evaluate(() => window.faults.add('work', {}))
      await old.evaluate((id) => window.faults.until('completed', 1, id), warm.id)

      // Frozen from just after its job went active until the taker has completed it: past its
      // lease however fast or slow the machine is.
      await old.evaluate((key) => window.faults.freezeOnActive(key), freeze)
      const job = await old.evaluate(() => window.faults.add('work', { ms: 300 }))
      await taker.evaluate((id) => window.faults.until('active', 1, id), job.id)
      await taker.evaluate(() => window.faults.start())
      await taker.evaluate((id) => window.faults.until('completed', 1, id), job.id)
      const taken = await taker.evaluate((id) => window.faults.get(id), job.id)
      expect(taken).toMatchObject({ state: 'completed', attempts: 1, stalls: 1, errors: [], result: { page: 'taker' } })
      suite.release(freeze)

      // Resolves only after the old tab thawed, saw its handler's result, and flushed its settle.
      await old.evaluate(() => window.faults.whenIdle())
      const thawedAt = Date.now()
      expect(await old.evaluate((id) => window.faults.get(id), job.id)).toEqual(taken)
      const rows = runsByJob(await taker.evaluate(() => window.faults.runs())).get(job.id) ?? []
      // In the order the handlers started, not the order their rows were stored: in WebKit a
      // worker's IndexedDB goes through its page's main thread, so the frozen tab's row lands
      // after the taker's.
      // The takeover spends no attempt: the taker's run is attempt 1 again.
      expect(rows.sort((x, y) => x.at - y.at).map((r) => [r.page, r.attempt])).toEqual([['old', 1], ['taker', 1]])
      // One completion, announced once in each tab: the old tab emitted none of its own.
      for (const tab of [old, taker]) {
        const completed = await tab.evaluate((id) => window.faults.events('completed').filter((e) => e.id === id), job.id)
        expect(completed.length).toBe(1)
      }
      const stalled = (await taker.evaluate(() => window.faults.events('stalled')))[0]!
      figures.push({
        scenario: 'late settle after takeover', jobs: 1, runs: rows.length, duplicates: 0, reRuns: 1, lost: 0,
        latency: `claim→stalled ${ms(stalled.at - job.calledAt)}`,
        note: `lease ${LEASE} ms, old tab frozen until the takeover completed; idle ${ms(thawedAt - taken!.completedAt!)} after it`,
      })
    } finally {
      // Never leave a tab frozen, whatever failed.
      suite.release(freeze)
      await context.close()
    }
  })
}
