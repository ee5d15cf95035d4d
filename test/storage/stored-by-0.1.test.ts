// Jobs that docket 0.1 stored (no `stalls`, no `maxStalls`) outlive the release: read, run and
// recovered by 0.2 as jobs never interrupted, with the default bound. Rows are written here as
// 0.1 wrote them, straight into its version-1 `jobs` store; opening upgrades the schema.
import { createQueue, DEFAULTS, indexedDBStorage } from 'docket'
import { expect, it } from 'vitest'
import { idbFactory, uniqueName } from '../support/env'
import { writeVersion1 } from './version-1-database.js'

/** A row exactly as 0.1's `toRow` stored it. */
function row01(id: string, now: number, active: boolean) {
  return {
    id, name: 'double', queue: 'default', data: { n: 21 }, state: active ? 'active' : 'waiting', priority: 0, rank: 0,
    progress: 0, errors: [], attempts: active ? 1 : 0, maxAttempts: 1, backoff: { type: 'exponential', delay: 1000, jitter: 0 },
    requiresNetwork: false, createdAt: now - 60_000, runAt: now - 60_000,
    // A run of a 0.1 tab long gone: its lease ran out a minute ago.
    ...(active ? { startedAt: now - 60_000, owner: 'old-tab', token: 'old', leaseUntil: now - 30_000, timeKey: now - 30_000 } : { timeKey: now - 60_000 }),
  }
}

it('runs jobs stored by 0.1, and recovers an interrupted one without spending its only attempt', async () => {
  const idb = await idbFactory()
  const name = uniqueName('from-0.1')
  const now = Date.now()
  await writeVersion1(idb, name, [row01('waiting-01', now, false), row01('active-01', now, true)])

  const queue = createQueue({ handlers: { double: (data: { n: number }) => data.n * 2 }, storage: indexedDBStorage({ name, ...idb }) })
  const waiting = (await queue.get('waiting-01'))!
  expect(waiting).toMatchObject({ stalls: 0, maxStalls: DEFAULTS.maxStalls })
  expect(await waiting.waitForResult()).toBe(42)
  const active = (await queue.get('active-01'))!
  expect(await active.waitForResult()).toBe(42)
  // Interrupted once (its lease had expired), its one attempt not spent by the interruption.
  expect(await active.refresh()).toMatchObject({ state: 'completed', attempts: 1, stalls: 1, maxStalls: DEFAULTS.maxStalls, errors: [] })
  await queue.close()
})
