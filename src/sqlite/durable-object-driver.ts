/**
 * The adapter of a Cloudflare Durable Object's SQLite storage (`ctx.storage`).
 *
 * Its SQL refuses `BEGIN` and `SAVEPOINT`, and `PRAGMA`s such as `journal_mode` and
 * `user_version`: transactions go through `storage.transaction(closure)`, which rolls back
 * every write of the closure when it rejects, across awaits (`transactionSync` would need the
 * body to be synchronous, and the storage core's bodies are async functions). The object's
 * input and output gates keep other events out of the closure.
 * @module
 */
import type { SqliteDriver, SqlRow, SqlValue } from './driver.js'

/** What docket uses of a Durable Object's `ctx.storage`. */
export interface DurableObjectSqlStorage {
  sql: { exec(sql: string, ...params: SqlValue[]): { toArray(): unknown[] } }
  transaction<T>(closure: () => Promise<T>): Promise<T>
  transactionSync<T>(closure: () => T): T
}

/** Whether `handle` looks like a SQLite-backed Durable Object's storage. */
export function isDurableObjectStorage(handle: unknown): handle is DurableObjectSqlStorage {
  const candidate = handle as { sql?: { exec?: unknown }; transaction?: unknown } | null
  return typeof candidate?.sql?.exec === 'function' && typeof candidate.transaction === 'function'
}

/** The driver of a Durable Object's storage. It prepares nothing itself: workerd caches statements by their text. */
export function durableObjectDriver(storage: DurableObjectSqlStorage): SqliteDriver {
  const { sql } = storage
  return {
    kind: 'durable-object',
    all: (text, params = []) => sql.exec(text, ...params).toArray() as SqlRow[],
    run: (text, params = []) => void sql.exec(text, ...params).toArray(),
    exec: (text) => void sql.exec(text).toArray(),
    transaction: (body) => storage.transaction(body),
    transactionSync: (body) => storage.transactionSync(body),
    // Durable Objects choose their journal and never wait on another writer.
    configure: () => {},
    // The storage belongs to the object, which outlives the queue.
    close: () => {},
  }
}
