/**
 * `queue.clear()` in storage, written once: one bounded transaction removes up to `limit`
 * waiting and delayed jobs, so a million of them are cleared in many short transactions (the
 * caller loops, yielding between them) rather than one that holds the database and the page.
 * @module
 */
import type { ClearRequest, UpdateResult } from '../storage.js'
import type { JobRow } from './job-row.js'
import type { JobWriter } from './job-writer.js'
import type { IndexRange, TableTx } from './table.js'
import { cascade, published } from './updates.js'

/** The first `limit` rows stored in `state` (of one named queue, if given). */
function firstIn(tx: TableTx, state: 'waiting' | 'delayed', queue: string | undefined, limit: number): Promise<JobRow[]> {
  const range: IndexRange = queue === undefined ? { prefix: [state] } : { prefix: [queue, state] }
  return limit > 0 ? tx.range(queue === undefined ? 'state' : 'queue', range, { limit }) : Promise.resolve([])
}

/**
 * Removes up to `limit` jobs stored `waiting`, then `delayed` (with `delayed: false`, only those
 * already due), through the writer: the counters stay exact and the heads of ordering keys
 * move on. A removed prerequisite fails its blocked dependents (flows) as a removal does, in
 * this transaction. Jobs claimed ahead (stored `active`, shown as waiting) are about to start
 * in their context and stay. Resolves to what was removed, each with what cascaded.
 */
export async function clearJobs(writer: JobWriter, request: ClearRequest): Promise<UpdateResult[]> {
  const { tx } = writer
  const waiting = await firstIn(tx, 'waiting', request.queue, request.limit)
  // Every delayed job, or the due ones only: read in runAt order, up to the first not due.
  const room = request.limit - waiting.length
  const delayed = request.delayed || room <= 0
    ? await firstIn(tx, 'delayed', request.queue, room)
    // Due ones only. Of one named queue, filtered from all those due: jobs a running scheduler
    // promotes at its next claim, so as a rule few (as `counts()` reads them).
    : (await tx.range('timeline', { prefix: ['delayed'], upTo: [request.now] }, request.queue === undefined ? { limit: room } : {}))
      .filter((row) => request.queue === undefined || row.queue === request.queue).slice(0, room)
  const results: UpdateResult[] = [...waiting, ...delayed].map((row) => {
    writer.delete(row)
    return { id: row.id, before: row, after: null }
  })
  await cascade(writer, results, request.now)
  return results.map(published)
}
