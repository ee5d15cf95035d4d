import type { IDBPObjectStore, IDBPTransaction, StoreNames } from 'idb'
import type { JobRecord } from '../../job/record.js'
import type { DocketDB, JobRow } from './schema.js'
import { storedStatesFor } from '../stored-states.js'
import type { StorageQuery } from '../storage.js'
import { JOB_STATES, visibleState, type JobState } from '../../job/job-states.js'
import { visibleCounts, type StoredCounts } from '../counters.js'
import { COUNTS } from './tally.js'

type JobStore = IDBPObjectStore<DocketDB, StoreNames<DocketDB>[], 'jobs', 'readonly' | 'readwrite'>
type Source = ReturnType<JobStore['index']> | JobStore


/** The bounds of every compound key that starts with `parts` (arrays sort after numbers and strings). */
export function prefix(...parts: Array<string | number>): [Array<string | number>, Array<string | number | never[]>] {
  return [parts, [...parts, []]]
}

/** Reads up to `need` rows of one index range in order, keeping those that pass `keep`. */
async function collect(source: Source, range: IDBKeyRange | null, direction: IDBCursorDirection, need: number, keep: (row: JobRow) => boolean): Promise<JobRow[]> {
  const rows: JobRow[] = []
  let cursor = await (source as JobStore).openCursor(range, direction)
  while (cursor && rows.length < need) {
    if (keep(cursor.value)) rows.push(cursor.value)
    cursor = await cursor.continue()
  }
  return rows
}

/**
 * A page of jobs by creation order. Each stored state is its own index range (`state`, or
 * `queue` when one queue is asked), read only as far as the page needs; the ranges are then
 * merged by insertion order. Only a `name` filter without state or queue walks the store.
 */
export async function listJobs(store: JobStore, KeyRange: typeof IDBKeyRange, query: StorageQuery): Promise<JobRecord[]> {
  const need = query.offset + query.limit
  const direction: IDBCursorDirection = query.order === 'desc' ? 'prev' : 'next'
  const visible = query.states ? new Set<JobState>(query.states) : undefined
  const keep = (row: JobRow): boolean =>
    (query.name === undefined || row.name === query.name) && (!visible || visible.has(visibleState(row, query.now)))
  let rows: JobRow[]
  if (!query.states && query.queue === undefined) {
    rows = await collect(store, null, direction, need, keep)
  } else {
    const states = query.states ? storedStatesFor(query.states) : JOB_STATES
    const parts = await Promise.all(states.map((state) =>
      query.queue === undefined
        ? collect(store.index('state'), KeyRange.bound(...prefix(state)), direction, need, keep)
        : collect(store.index('queue'), KeyRange.bound(...prefix(query.queue, state)), direction, need, keep)))
    rows = parts.flat().sort((a, b) => (query.order === 'desc' ? b.seq - a.seq : a.seq - b.seq))
  }
  return rows.slice(query.offset, need)
}

/**
 * Counts per visible state from the counters (constant time, whatever the number of jobs); due
 * delayed jobs not yet promoted count as waiting, read through their `timeline` range (jobs a
 * running scheduler promotes at its next claim, so as a rule few).
 */
export async function countJobs(tx: IDBPTransaction<DocketDB, ['jobs', 'meta'], 'readonly'>, KeyRange: typeof IDBKeyRange, queue: string | undefined, now: number): Promise<Record<JobState, number>> {
  const dueRange = KeyRange.bound(['delayed'], ['delayed', now])
  const timeline = tx.objectStore('jobs').index('timeline')
  const [stored, due] = await Promise.all([
    tx.objectStore('meta').get(COUNTS) as Promise<StoredCounts | undefined>,
    queue === undefined ? timeline.count(dueRange) : timeline.getAll(dueRange).then((rows) => rows.filter((row) => row.queue === queue).length),
  ])
  return visibleCounts(stored ?? {}, queue, due)
}
