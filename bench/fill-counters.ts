import type { JobState } from 'docket'
import { applyDeltas, type CountDeltas, type StoredCounts } from '../src/storage/counters.js'
import { COUNTS } from '../src/storage/core/job-writer.js'
import { requestDone, transactionDone } from './raw-indexeddb.js'

/** What a fill wrote, counted the way `queue.counts()` reports it: per state, over all queues and per named queue. */
export interface FilledCounts {
  all: Partial<Record<JobState, number>>
  byQueue: Record<string, Partial<Record<JobState, number>>>
}

/**
 * Adds to the counters the rows a fill put straight into docket's store, with the storage's own
 * row key and merge, so that a filled store reads like one docket wrote itself. Called once,
 * after the fill's last transaction. The scale suite compares `counts()` with `FilledCounts`
 * after every fill and reports a mismatch, so a fill that got the counters wrong shows.
 */
export async function fillCounters(db: IDBDatabase, counts: FilledCounts): Promise<void> {
  const tx = db.transaction('meta', 'readwrite')
  const meta = tx.objectStore('meta')
  const stored = ((await requestDone(meta.get(COUNTS))) as StoredCounts | undefined) ?? {}
  const deltas: CountDeltas = new Map(Object.entries(counts.byQueue).map(([queue, states]) =>
    [queue, new Map(Object.entries(states) as Array<[JobState, number]>)]))
  meta.put(applyDeltas(stored, deltas).counts, COUNTS)
  await transactionDone(tx)
}
