/**
 * Reads, written once: a page of jobs, counts, blocked keys. Each reads index ranges only as
 * far as it needs.
 * @module
 */
import { JOB_STATES, visibleState, type JobState } from '../../job/job-states.js'
import type { JobRecord } from '../../job/record.js'
import { visibleCounts, type StoredCounts } from '../counters.js'
import type { BlockedKey } from '../ordering.js'
import { storedStatesFor } from '../stored-states.js'
import type { StorageQuery } from '../storage.js'
import { fromRow, type JobRow } from './job-row.js'
import { COUNTS } from './job-writer.js'
import type { IndexRange, TableTx } from './table.js'
import type { JobIndex } from './job-indexes.js'

/** A page the size of what is still needed, never less than this. */
const PAGE = 64

/** Reads up to `need` rows of one range in order, keeping those that pass `keep`, a page at a time. */
async function collect(tx: TableTx, index: JobIndex, range: IndexRange, reverse: boolean, need: number, keep: (row: JobRow) => boolean): Promise<JobRow[]> {
  const rows: JobRow[] = []
  // Every index read here ends in `seq`: the last row's seq continues the range past it (seqs
  // are integers, so going backwards, `upTo` half below it excludes it).
  for (let after: number | undefined; rows.length < need;) {
    const limit = Math.max(PAGE, need - rows.length)
    const page = await tx.range(index, after === undefined ? range : { ...range, ...(reverse ? { upTo: [after - 0.5] } : { after: [after] }) }, { limit, reverse })
    for (const row of page) if (keep(row) && rows.length < need) rows.push(row)
    if (page.length < limit) break
    after = page[page.length - 1]!.seq
  }
  return rows
}

/**
 * A page of jobs by creation order. Each stored state is its own index range (`state`, or
 * `queue` when one queue is asked), read only as far as the page needs; the ranges are then
 * merged by insertion order. Only a `name` filter without state or queue walks every state.
 */
export async function listJobs(tx: TableTx, query: StorageQuery): Promise<JobRecord[]> {
  const need = query.offset + query.limit
  const reverse = query.order === 'desc'
  const visible = query.states ? new Set<JobState>(query.states) : undefined
  const shown = (row: JobRow): JobState => (query.stored ? row.state : visibleState(row, query.now))
  const keep = (row: JobRow): boolean =>
    (query.name === undefined || row.name === query.name) && (!visible || visible.has(shown(row)))
  const states = query.states ? (query.stored ? query.states : storedStatesFor(query.states)) : JOB_STATES
  const parts = await Promise.all(states.map((state) =>
    query.queue === undefined
      ? collect(tx, 'state', { prefix: [state] }, reverse, need, keep)
      : collect(tx, 'queue', { prefix: [query.queue, state] }, reverse, need, keep)))
  const rows = parts.flat().sort((a, b) => (reverse ? b.seq - a.seq : a.seq - b.seq))
  return rows.slice(query.offset, need).map(fromRow)
}

/**
 * Counts per visible state from the counters (constant time, whatever the number of jobs); due
 * delayed jobs not yet promoted count as waiting, read through their `timeline` range (jobs a
 * running scheduler promotes at its next claim, so as a rule few).
 */
export async function countJobs(tx: TableTx, queue: string | undefined, now: number): Promise<Record<JobState, number>> {
  const dueRange: IndexRange = { prefix: ['delayed'], upTo: [now] }
  const [stored, due] = await Promise.all([
    tx.getMeta<StoredCounts>(COUNTS),
    queue === undefined ? tx.count('timeline', dueRange) : tx.range('timeline', dueRange).then((rows) => rows.filter((row) => row.queue === queue).length),
  ])
  return visibleCounts(stored ?? {}, queue, due)
}

/** The blocked keys: those whose head failed for good, one step per distinct key of `keyBlocked`. */
export async function readBlockedKeys(tx: TableTx): Promise<BlockedKey[]> {
  const keys = (await tx.distinct('keyBlocked')) as string[]
  const heads = await Promise.all(keys.map((key) => tx.range('ordering', { prefix: [key] }, { limit: 1 })))
  return keys.flatMap((key, i) => {
    const head = heads[i]![0]
    return head?.state === 'failed' ? [{ key, jobId: head.id }] : []
  })
}
