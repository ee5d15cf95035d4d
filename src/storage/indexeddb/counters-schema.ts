/**
 * Schema version 5: the counters of `counts()`, and one index fewer on every job.
 * @module
 */
import type { JobState } from '../../job/job-states.js'
import type { StoredCounts } from '../counters.js'
import { dictionary, own } from '../../dictionary.js'
import { COUNTS } from '../core/job-writer.js'

/**
 * Version 4 → 5. Counts the jobs a database holds into the counters row: one index count per
 * (queue, state) range of the `queue` index, stepping from one range to the next, so a million
 * stored jobs cost a few requests per queue and state, not a million cursor steps. Drops
 * `ready`, which the `runnable` index (version 2) replaced in the claim: one index entry fewer
 * to write on every insert, claim and settle.
 */
export function upgradeToCounters(tx: IDBTransaction, KeyRange: typeof IDBKeyRange): void {
  const jobs = tx.objectStore('jobs')
  const meta = tx.objectStore('meta')
  jobs.deleteIndex('ready')
  const counts: StoredCounts = dictionary()
  const index = jobs.index('queue')
  const cursorRequest = index.openKeyCursor()
  cursorRequest.onsuccess = () => {
    const cursor = cursorRequest.result
    if (!cursor) return void meta.put(counts, COUNTS)
    const [queue, state] = cursor.key as [string, JobState, number]
    // Arrays sort after numbers and strings: [queue, state, []] is past every row of the range.
    const end = [queue, state, []]
    const countRequest = index.count(KeyRange.bound([queue, state], end))
    countRequest.onsuccess = () => {
      ;(counts[queue] = own(counts, queue) ?? {})[state] = countRequest.result
      cursor.continue(end)
    }
  }
}
