import { storedInState } from '../counters.js'
import type { RemoveSettledRequest } from '../storage.js'
import { markHeads } from './ordering-heads.js'
import { prefix } from './reads.js'
import { countsAtStart, tally } from './tally.js'
import { deleteLogs, queued, type Tx } from './writes.js'

/**
 * Retention in one transaction: the settled jobs of one state, oldest first through the
 * `timeline` index, that are older than `before` or beyond the newest `keep`. How many there
 * are comes from the counters, so a `keep` costs the same with 100 or 1,000,000 stored jobs.
 */
export async function removeSettledInTransaction(tx: Tx, KeyRange: typeof IDBKeyRange, request: RemoveSettledRequest): Promise<string[]> {
  const jobs = tx.objectStore('jobs')
  const total = request.keep === undefined ? 0 : storedInState(await countsAtStart(tx), request.state)
  const excess = request.keep === undefined ? 0 : Math.max(0, total - request.keep)
  const limit = request.limit ?? Infinity
  const ids: string[] = []
  const keys = new Set<string>()
  let cursor = await jobs.index('timeline').openCursor(KeyRange.bound(...prefix(request.state)))
  for (let i = 0; cursor && ids.length < limit; i++) {
    const row = cursor.value
    const old = request.before !== undefined && (row.settledAt ?? 0) < request.before
    if (i >= excess && !old) break
    ids.push(row.id)
    // A failed job removed lets its ordering key go on.
    if (row.keyHold !== undefined) keys.add(row.keyHold)
    tally(tx, row, undefined)
    void queued(cursor.delete())
    cursor = await cursor.continue()
  }
  if (ids.length) await deleteLogs(tx, ids)
  if (keys.size) await markHeads(tx, KeyRange, keys)
  return ids
}
