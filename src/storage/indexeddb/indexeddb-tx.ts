/**
 * The table port's transaction on IndexedDB: each method issues its requests when called, so
 * reads issued together cost one round trip, and writes need no awaiting (a failed one aborts
 * the transaction, which `Table.write` reports). Ranges map to IDBKeyRanges of the indexes
 * declared in `JOB_INDEXES`, which the schema creates under the same names.
 * @module
 */
import type { IDBPTransaction, StoreNames } from 'idb'
import { JOB_INDEXES, type JobIndex } from '../core/job-indexes.js'
import type { JobRow } from '../core/job-row.js'
import type { IndexRange, KeyPart, TableTx } from '../core/table.js'
import { refuseUnstorableBlobs } from './blob-support.js'
import type { DocketDB } from './schema.js'

/** A transaction over docket's stores. */
export type Tx = IDBPTransaction<DocketDB, StoreNames<DocketDB>[], 'readwrite' | 'readonly'>

/**
 * A request whose failure the transaction reports: once it aborts, every pending request
 * rejects too, and those rejections must not go unhandled.
 */
export function queued<T>(request: Promise<T>): Promise<T> {
  request.catch(() => undefined)
  return request
}

/** The IDBKeyRange of `range` over an index of `width` fields (null: the whole index). */
export function keyRangeOf(KeyRange: typeof IDBKeyRange, width: number, { prefix, after, upTo }: IndexRange): IDBKeyRange | null {
  if (width === 1) {
    // One field: the key is the value itself, not an array.
    if (prefix.length) return KeyRange.only(prefix[0]!)
    if (after && upTo) return KeyRange.bound(after[0]!, upTo[0]!, true, false)
    return after ? KeyRange.lowerBound(after[0]!, true) : upTo ? KeyRange.upperBound(upTo[0]!) : null
  }
  // Arrays sort after numbers and strings: [...prefix, []] is past every key that starts with
  // prefix, so bounds shorter than the key compare on their own length, as the port says.
  const lower: Array<KeyPart | never[]> = after ? [...prefix, ...after, []] : prefix
  const upper: Array<KeyPart | never[]> = upTo ? [...prefix, ...upTo, []] : [...prefix, []]
  return KeyRange.bound(lower, upper, after !== undefined, false)
}

/** The table transaction of `tx`. */
export function indexedDBTx(tx: Tx, KeyRange: typeof IDBKeyRange): TableTx {
  // Each store is opened when first used: a transaction's scope may leave some out.
  const jobs = () => tx.objectStore('jobs')
  const writable = tx as IDBPTransaction<DocketDB, StoreNames<DocketDB>[], 'readwrite'>
  const range = (index: JobIndex, bounds: IndexRange) => keyRangeOf(KeyRange, JOB_INDEXES[index].fields.length, bounds)
  return {
    byId: (id) => jobs().index('id').get(id),
    bySeq: (seq) => jobs().get(seq),
    async range(index, bounds, { limit, reverse = false } = {}) {
      if (!reverse) return jobs().index(index).getAll(range(index, bounds), limit)
      const rows: JobRow[] = []
      let cursor = await jobs().index(index).openCursor(range(index, bounds), 'prev')
      while (cursor && rows.length < (limit ?? Infinity)) {
        rows.push(cursor.value)
        cursor = await cursor.continue()
      }
      return rows
    },
    count: (index, bounds) => jobs().index(index).count(range(index, bounds)),
    async distinct(index) {
      const keys: KeyPart[] = []
      // One step per distinct key (`nextunique`), however many rows share it.
      let cursor = await jobs().index(index).openKeyCursor(null, 'nextunique')
      for (; cursor; cursor = await cursor.continue()) keys.push((Array.isArray(cursor.key) ? cursor.key[0] : cursor.key) as KeyPart)
      return keys
    },
    add(row) {
      refuseUnstorableBlobs(row, `job ${row.id}`)
      return queued(writable.objectStore('jobs').add(row as JobRow))
    },
    put(row) {
      refuseUnstorableBlobs(row, `job ${row.id}`)
      void queued(writable.objectStore('jobs').put(row))
    },
    delete: (seq) => void queued(writable.objectStore('jobs').delete(seq)),
    getMeta: (key) => tx.objectStore('meta').get(key) as Promise<never>,
    putMeta: (key, value) => void queued(writable.objectStore('meta').put(value, key)),
    addLog({ id, at, row }) {
      refuseUnstorableBlobs(row, `a log row of job ${id}`)
      void queued(writable.objectStore('logs').add({ id, at, row }))
    },
    logs: async (id) => (await tx.objectStore('logs').index('id').getAll(id)).map(({ at, row }) => ({ at, row })),
    deleteLogs(id) {
      const logs = writable.objectStore('logs')
      void queued(logs.index('id').getAllKeys(id).then((keys) => Promise.all(keys.map((key) => logs.delete(key)))))
    },
    schedule: (id) => tx.objectStore('schedules').get(id),
    schedules: () => tx.objectStore('schedules').getAll(),
    putSchedule: (record) => void queued(writable.objectStore('schedules').put(record)),
    deleteSchedule: (id) => void queued(writable.objectStore('schedules').delete(id)),
  }
}
