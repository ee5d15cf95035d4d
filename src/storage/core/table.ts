/**
 * The table port: the one interface a backend implements. Every storage algorithm (insert,
 * claim, fenced updates, cascades, retention, counters, schedules) is written once over it, in
 * `src/storage/core/`; a backend only stores rows and reads its indexes. Memory, IndexedDB and
 * SQLite are its ports.
 * @module
 */
import type { LogEntry } from '../../job/record.js'
import type { ScheduleRecord } from '../../schedules/schedule-types.js'
import type { JobIndex } from './job-indexes.js'
import type { JobRow } from './job-row.js'

/** One component of an index key. Numbers sort before strings, as in IndexedDB. */
export type KeyPart = string | number

/**
 * A range of one index, in its key order. `prefix` fixes the first components; `after`
 * (exclusive) and `upTo` (inclusive) bound the components that follow, compared as tuples (a
 * bound shorter than the rest of the key compares on its own length). Rows with the same key
 * come in `seq` order.
 * @example { prefix: ['waiting'], after: [rank, runAt, seq] } // the next page of `runnable`
 */
export interface IndexRange {
  prefix: KeyPart[]
  after?: KeyPart[]
  upTo?: KeyPart[]
}

/** How many rows, in which direction. */
export interface RangeOptions {
  limit?: number
  /** Last key first. @default false */
  reverse?: boolean
}

/** A log row as stored. */
export type StoredLog = { id: string } & LogEntry

/**
 * One read-write transaction of a backend. Reads return promises that the backend issues at
 * once (IndexedDB sends each request when the method is called, so reads issued together cost
 * one round trip); writes are issued at once and need no awaiting: their failure is the
 * transaction's, reported by `Table.write`. Reads see the transaction's own earlier writes.
 */
export interface TableTx {
  /** The row whose `id` index key is `id`. */
  byId(id: string): Promise<JobRow | undefined>
  /** The row stored under `seq`. */
  bySeq(seq: number): Promise<JobRow | undefined>
  range(index: JobIndex, range: IndexRange, options?: RangeOptions): Promise<JobRow[]>
  count(index: JobIndex, range: IndexRange): Promise<number>
  /** The distinct first components of an index's keys, in order (one step per key). */
  distinct(index: JobIndex): Promise<KeyPart[]>
  /** Stores a new row (its `seq` absent) and resolves to the `seq` it was given: increasing, never reused. */
  add(row: Omit<JobRow, 'seq'>): Promise<number>
  /** Replaces the row stored under `row.seq`. */
  put(row: JobRow): void
  delete(seq: number): void

  getMeta<T>(key: string): Promise<T | undefined>
  putMeta(key: string, value: unknown): void

  addLog(row: StoredLog): void
  logs(id: string): Promise<LogEntry[]>
  deleteLogs(id: string): void

  schedule(id: string): Promise<ScheduleRecord | undefined>
  schedules(): Promise<ScheduleRecord[]>
  putSchedule(record: ScheduleRecord): void
  deleteSchedule(id: string): void
}

/** The stores a transaction may touch: a backend that locks per store (IndexedDB) locks only these. */
export type TableStore = 'jobs' | 'logs' | 'meta' | 'schedules'

/** What a backend gives the core: transactions, and its name. */
export interface Table {
  /** The shared database's name; contexts with equal names coordinate. Absent: local only. */
  readonly name?: string
  /**
   * Runs `body` in one read-write transaction, atomic against every other context on the same
   * database, and resolves after it committed; if `body` throws, nothing of it is stored and the
   * error is rethrown as a `StorageError` naming `doing`. `body` awaits only the transaction's
   * own reads (IndexedDB ends a transaction that waits on anything else). `scope`: the only
   * stores `body` touches (default: all), for a backend that locks per store.
   */
  write<T>(doing: string, body: (tx: TableTx) => Promise<T>, scope?: readonly TableStore[]): Promise<T>
  /** Like `write`, for a body that only reads (a backend may run it without a write lock). */
  read<T>(doing: string, body: (tx: TableTx) => Promise<T>, scope?: readonly TableStore[]): Promise<T>
  close(): Promise<void>
}
