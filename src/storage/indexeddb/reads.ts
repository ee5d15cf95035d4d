import type { IDBPObjectStore, StoreNames } from 'idb'
import type { JobRecord } from '../../job/record.js'
import type { DocketDB, JobRow } from './schema.js'
import { storedStatesFor } from '../stored-states.js'
import type { StorageQuery } from '../storage.js'
import { JOB_STATES, visibleState, zeroCounts, type JobState } from '../../job/job-states.js'

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

/** Counts per visible state from index counts; due delayed jobs not yet promoted count as waiting. */
export async function countJobs(store: JobStore, KeyRange: typeof IDBKeyRange, queue: string | undefined, now: number): Promise<Record<JobState, number>> {
  const counts = zeroCounts()
  const values = await Promise.all(JOB_STATES.map((state) =>
    queue === undefined ? store.index('state').count(KeyRange.bound(...prefix(state))) : store.index('queue').count(KeyRange.bound(...prefix(queue, state)))))
  JOB_STATES.forEach((state, i) => {
    counts[state] = values[i]!
  })
  const due = await store.index('timeline').getAll(KeyRange.bound(['delayed'], ['delayed', now]))
  const n = queue === undefined ? due.length : due.filter((row) => row.queue === queue).length
  counts.delayed -= n
  counts.waiting += n
  return counts
}
