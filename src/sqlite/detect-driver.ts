/**
 * Which adapter a handle needs, told by its shape alone.
 * @module
 */
import { ValidationError } from '../errors.js'
import { bunSqliteDriver, isBunSqlite, type BunSqliteDatabase } from './bun-driver.js'
import type { SqliteDriver } from './driver.js'
import { durableObjectDriver, isDurableObjectStorage, type DurableObjectSqlStorage } from './durable-object-driver.js'
import { isNodeSqlite, nodeSqliteDriver, type NodeSqliteDatabase } from './node-driver.js'

/** A SQLite handle docket can use: `node:sqlite`'s `DatabaseSync` (Node, Deno), `bun:sqlite`'s `Database`, a Durable Object's `ctx.storage`. */
export type SqliteDatabase = NodeSqliteDatabase | BunSqliteDatabase | DurableObjectSqlStorage

/**
 * The driver for `database`; a `ValidationError` says what was expected when it is none of them.
 * @example detectDriver(new DatabaseSync('jobs.db')).kind // 'node:sqlite'
 */
export function detectDriver(database: unknown): SqliteDriver {
  if (isDurableObjectStorage(database)) return durableObjectDriver(database)
  if (isBunSqlite(database)) return bunSqliteDriver(database)
  if (isNodeSqlite(database)) return nodeSqliteDriver(database)
  const got = database === null ? 'null' : typeof database === 'object' ? `an object with ${Object.keys(database).slice(0, 5).join(', ') || 'no own keys'}` : typeof database
  throw new ValidationError(
    `Expected \`database\` to be a node:sqlite DatabaseSync, a bun:sqlite Database or a Durable Object's ctx.storage (with storage.sql), got ${got}`,
  )
}
