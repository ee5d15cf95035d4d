import { now } from './clock.js'
import { docketSchemaDB } from './docket-schema-db.js'
import { fillCounters, type FilledCounts } from './fill-counters.js'
import { completedRow } from './job-rows.js'
import { transactionDone } from './raw-indexeddb.js'

/**
 * Rows per transaction: large enough that commits are a small share, small enough to keep memory
 * flat. The fill is bound by the engine's index upkeep, not by this page (Chromium: the page idles
 * ≈ 60 % of a fill), so the size barely matters between 5,000 and 20,000.
 */
export const FILL_CHUNK = 10_000
/**
 * Transactions issued before the oldest is awaited: the engine runs readwrite transactions on
 * one store one after another, so the next one's requests are queued while the previous
 * commits, and the page does not sit idle between commits.
 */
const IN_FLIGHT = 3

/** A fill: what it wrote and how long it took. */
export interface Fill {
  counts: FilledCounts
  ms: number
}

/**
 * Writes `n` completed jobs of the queue `default` straight into docket's store (docket's own
 * schema, every index it keeps), then the counters `counts()` reads: a store as large as a
 * long-lived app's, in seconds rather than the hours docket would take to run its jobs.
 */
export async function fillStore(name: string, n: number): Promise<Fill> {
  const t0 = now()
  const db = await docketSchemaDB(name)
  try {
    const pending: Array<Promise<void>> = []
    const at = Date.now() - 60_000
    for (let done = 0; done < n; done += FILL_CHUNK) {
      const tx = db.transaction('jobs', 'readwrite', { durability: 'relaxed' })
      const store = tx.objectStore('jobs')
      for (let i = done; i < Math.min(n, done + FILL_CHUNK); i++) store.add(completedRow(i, at))
      pending.push(transactionDone(tx))
      if (pending.length >= IN_FLIGHT) await pending.shift()
    }
    await Promise.all(pending)
    const counts: FilledCounts = { all: { completed: n }, byQueue: { default: { completed: n } } }
    await fillCounters(db, counts)
    return { counts, ms: now() - t0 }
  } finally {
    db.close()
  }
}
