/**
 * `sqliteStorage`: docket's storage on SQLite, the storage core over the SQLite table port.
 * @module
 */
import { createCoreStorage } from '../storage/core/core-storage.js'
import type { Storage } from '../storage/storage.js'
import type { SqliteDatabase } from './detect-driver.js'
import { sqliteTable, type SqliteStorageOptions } from './sqlite-table.js'

/**
 * A storage on an open SQLite handle: `node:sqlite`'s `DatabaseSync` (Node ≥ 22.13, Deno),
 * `bun:sqlite`'s `Database` (Bun), or a SQLite-backed Durable Object's `ctx.storage`. docket
 * imports none of them: it is given the handle. Jobs live in `docket_*` tables beside the
 * application's own, and outlive the process; processes that share the file claim each job once.
 * `close()` leaves the handle open: it is the caller's. Liveness is by lease alone (a run of a
 * killed process comes back once its lease, `leaseDuration`, ran out), since Web Locks do not
 * reach other processes.
 * @example
 * import { DatabaseSync } from 'node:sqlite'
 * import { createQueue } from 'docket'
 * import { sqliteStorage } from 'docket/sqlite'
 * const queue = createQueue({ storage: sqliteStorage(new DatabaseSync('jobs.db')), handlers })
 * @example sqliteStorage(new Database('jobs.db')) // Bun: import { Database } from 'bun:sqlite'
 * @example sqliteStorage(this.ctx.storage) // in a Durable Object's constructor
 */
export function sqliteStorage(database: SqliteDatabase, options: SqliteStorageOptions = {}): Storage {
  // Other processes may open the same file, and Web Locks (Node 24 has them) do not reach them.
  return { ...createCoreStorage(sqliteTable(database, options)), crossProcess: true }
}
