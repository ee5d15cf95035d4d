/**
 * The table port on SQLite: transactions on one handle, one at a time, over the schema of
 * `schema.ts`.
 * @module
 */
import { StorageError, toStorageError, ValidationError } from '../errors.js'
import type { Table, TableTx } from '../storage/core/table.js'
import { detectDriver, type SqliteDatabase } from './detect-driver.js'
import { openSchema } from './schema.js'
import { sqliteTx } from './sqlite-tx.js'

/** Options of `sqliteStorage` and `sqliteTable`. */
export interface SqliteStorageOptions {
  /**
   * The name under which contexts of one process coordinate (wake each other on adds).
   * @default `sqlite:` and the database file's path where the handle tells it; none in memory or in a Durable Object
   */
  name?: string
  /**
   * Milliseconds a transaction waits for another process's write lock before failing with a
   * `StorageError` (SQLite's `busy_timeout`; the wait blocks this thread). Not used in a
   * Durable Object, which has one writer. Minimum: `0`.
   * @default 5000
   */
  busyTimeout?: number
  /**
   * Switch a database file to write-ahead logging (readers never wait on the writer; with
   * `synchronous = NORMAL`, a killed process loses no committed transaction, a power loss may
   * lose the last ones). `false` leaves the journal as the file has it. Not used in a Durable Object.
   * @default true
   */
  wal?: boolean
}

type Serial = <T>(task: () => Promise<T>) => Promise<T>

/** A mutex as a promise chain: each task starts when the one before it settled. */
function serial(): Serial {
  let tail: Promise<unknown> = Promise.resolve()
  return (task) => {
    const result = tail.then(task)
    tail = result.catch(() => {})
    return result
  }
}

/**
 * One mutex per database file in this thread, shared by every handle on it. SQLite's lock waits
 * block the thread: a handle whose `BEGIN IMMEDIATE` waited for another handle of the same
 * thread, in the middle of its transaction, would wait for a writer that cannot go on.
 */
const fileMutexes = new Map<string, Serial>()
const mutexOf = (location: string | undefined): Serial => {
  if (location === undefined) return serial()
  let mutex = fileMutexes.get(location)
  if (!mutex) fileMutexes.set(location, (mutex = serial()))
  return mutex
}

function checkOptions(options: SqliteStorageOptions): Required<Pick<SqliteStorageOptions, 'busyTimeout' | 'wal'>> {
  const { busyTimeout = 5000, wal = true, name } = options
  if (typeof busyTimeout !== 'number' || !Number.isFinite(busyTimeout) || busyTimeout < 0) {
    throw new ValidationError(`Expected \`busyTimeout\` to be a finite number >= 0, got ${String(busyTimeout)}`)
  }
  if (typeof wal !== 'boolean') throw new ValidationError(`Expected \`wal\` to be a boolean, got ${String(wal)}`)
  if (name !== undefined && (typeof name !== 'string' || name === '')) throw new ValidationError(`Expected \`name\` to be a non-empty string, got ${String(name)}`)
  return { busyTimeout, wal }
}

/**
 * The table port on an open SQLite handle: creates or upgrades docket's tables before its first
 * transaction (a database of a newer docket fails it with a `StorageError`), then runs each transaction with `BEGIN IMMEDIATE` (a Durable Object: `storage.transaction`), one
 * at a time on this handle; other processes on the same file wait for SQLite's write lock.
 * @example
 * import { DatabaseSync } from 'node:sqlite'
 * const table = sqliteTable(new DatabaseSync('jobs.db'))
 */
export function sqliteTable(database: SqliteDatabase, options: SqliteStorageOptions = {}): Table {
  const settings = checkOptions(options)
  const driver = detectDriver(database)
  const exclusive = mutexOf(driver.location)
  // Set up by the first transaction, inside the file's mutex: opening takes the write lock, which
  // another handle of this thread may hold between two microtasks of its transaction.
  let opened = false
  const open = (): void => {
    if (opened) return
    try {
      driver.configure(settings)
      openSchema(driver)
    } catch (error) {
      throw toStorageError(error, 'opening the SQLite database')
    }
    opened = true
  }
  const tx = sqliteTx(driver)
  let closed = false
  const name = options.name ?? (driver.location ? `sqlite:${driver.location}` : undefined)

  const run = <T>(doing: string, body: (tx: TableTx) => Promise<T>, immediate: boolean): Promise<T> => {
    if (closed) return Promise.reject(new StorageError(`Storage failed while ${doing}: the SQLite storage is closed`))
    return exclusive(async () => {
      open()
      try {
        return await driver.transaction(() => body(tx), immediate)
      } catch (error) {
        throw toStorageError(error, doing)
      }
    })
  }

  return {
    ...(name ? { name } : {}),
    write: (doing, body) => run(doing, body, true),
    read: (doing, body) => run(doing, body, false),
    // The handle is the caller's: it stays open for them to close (or, in a Durable Object, the object's).
    close: () => {
      closed = true
      return exclusive(async () => {})
    },
  }
}
