/**
 * Schema version 2: the upgrade that adds the indexes of ordering keys to a version-1
 * database, keeping every job (the fields they index are made by `toRow`).
 * @module
 */
import type { JobRecord } from '../../job/record.js'
import { toRow } from '../core/job-row.js'

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
    cursor.update(toRow(cursor.value as JobRecord, (cursor.value as JobRecord).seq!))
    cursor.continue()
  }
  tx.objectStore('meta').put({ version: 2 }, 'schema')
}

