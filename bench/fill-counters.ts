import type { JobState } from 'docket'
import { requestDone, transactionDone } from './raw-indexeddb.js'

/** What a fill wrote, counted the way `queue.counts()` reports it: per state, over all queues and per named queue. */
export interface FilledCounts {
  all: Partial<Record<JobState, number>>
  byQueue: Record<string, Partial<Record<JobState, number>>>
}

/**
 * The row `counts()` reads: jobs per named queue and stored state, under this key of `meta`
 * (src/storage/indexeddb/tally.ts, schema version 5). Written here as the storage writes it.
 */
const COUNTS = 'counts'

/**
 * Adds to the counters the rows a fill put straight into docket's store, so that a filled
 * store reads like one docket wrote itself. Called once, after the fill's last transaction.
 * The scale suite compares `counts()` with `FilledCounts` after every fill and reports a
 * mismatch, so a fill that got the counters wrong shows.
 */
export async function fillCounters(db: IDBDatabase, counts: FilledCounts): Promise<void> {
  const tx = db.transaction('meta', 'readwrite')
  const meta = tx.objectStore('meta')
  const stored = ((await requestDone(meta.get(COUNTS))) as Record<string, Partial<Record<JobState, number>>> | undefined) ?? {}
  for (const [queue, states] of Object.entries(counts.byQueue)) {
    const row = { ...stored[queue] }
    for (const [state, n] of Object.entries(states) as Array<[JobState, number]>) row[state] = (row[state] ?? 0) + n
    stored[queue] = row
  }
  meta.put(stored, COUNTS)
  await transactionDone(tx)
}
