/**
 * Schema version 2: what ordering keys add to a stored job row, and the upgrade that adds
 * their indexes to a version-1 database, keeping every job.
 * @module
 */
import type { JobRecord } from '../../job/record.js'
import { holdsKey } from '../ordering.js'

/**
 * Fields of a row, derived from its record, that exist only to be indexed (IndexedDB leaves a
 * row out of an index whose key path it lacks, so each index holds just the rows it is for):
 * - `keyHold`: the ordering key while the job holds it (`ordering` [keyHold, seq]: a key's head is its first row);
 * - `keyActive`: the key while the job runs (`keyActive`: whether a key runs);
 * - `keyBlocked`: the key while the job failed for good (`keyBlocked`: `blockedKeys()`);
 * - `runnable`: `'waiting'` for a waiting job that is not ordered or heads its key
 *   (`runnable` [runnable, rank, runAt, seq]: the claim's candidates, so a key with 10,000
 *   waiting jobs puts one row before the claim).
 */
export interface OrderRowFields {
  keyHold?: string
  keyActive?: string
  keyBlocked?: string
  runnable?: 'waiting'
}

/** The record with its index fields, stale ones of an earlier state dropped. */
export function orderRowFields<R extends JobRecord>(record: R): R & OrderRowFields {
  const { keyHold: _h, keyActive: _a, keyBlocked: _b, runnable: _r, ...rest } = record as R & OrderRowFields
  const key = record.orderingKey
  const runnable = record.state === 'waiting' && (key === undefined || record.keyHead === true)
  return {
    ...(rest as R),
    ...(key !== undefined && holdsKey(record.state) ? { keyHold: key } : {}),
    ...(key !== undefined && record.state === 'active' ? { keyActive: key } : {}),
    ...(key !== undefined && record.state === 'failed' ? { keyBlocked: key } : {}),
    ...(runnable ? { runnable: 'waiting' as const } : {}),
  }
}

/**
 * Version 1 → 2: the indexes of ordering keys, and `runnable` on every waiting row (rows of
 * version 1 have no ordering key, so each waiting one is a claim candidate).
 */
export function upgradeToOrdering(tx: IDBTransaction): void {
  const jobs = tx.objectStore('jobs')
  jobs.createIndex('ordering', ['keyHold', 'seq'])
  jobs.createIndex('keyActive', 'keyActive')
  jobs.createIndex('keyBlocked', 'keyBlocked')
  jobs.createIndex('runnable', ['runnable', 'rank', 'runAt', 'seq'])
  // 'waiting' sorts last of the states: walk the `state` index backwards while rows are waiting
  // (no key range, whose class a shim would have to lend).
  const cursorRequest = jobs.index('state').openCursor(null, 'prev')
  cursorRequest.onsuccess = () => {
    const cursor = cursorRequest.result
    if (!cursor || (cursor.key as [string, number])[0] !== 'waiting') return
    cursor.update(orderRowFields(cursor.value as JobRecord))
    cursor.continue()
  }
  tx.objectStore('meta').put({ version: 2 }, 'schema')
}

