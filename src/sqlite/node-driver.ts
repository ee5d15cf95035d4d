/**
 * The adapter of `node:sqlite`'s `DatabaseSync` (Node ≥ 22.13, and Deno, which implements the
 * same module).
 * @module
 */
import { statementDriver, type SqliteDriver, type SqlValue } from './driver.js'

/** What docket uses of a `node:sqlite` `StatementSync`. */
export interface NodeSqliteStatement {
  all(...params: SqlValue[]): unknown[]
  run(...params: SqlValue[]): unknown
}

/** What docket uses of a `node:sqlite` `DatabaseSync`. */
export interface NodeSqliteDatabase {
  prepare(sql: string): NodeSqliteStatement
  exec(sql: string): void
  close(): void
  /** Node ≥ 24: the file's path, `null` in memory (Deno has no `location`). */
  location?(): string | null
}

/** Whether `handle` looks like a `node:sqlite` `DatabaseSync` (and not Bun's `Database`, which has `query`). */
export function isNodeSqlite(handle: unknown): handle is NodeSqliteDatabase {
  const candidate = handle as Partial<Record<string, unknown>> | null
  return typeof candidate?.prepare === 'function' && typeof candidate.exec === 'function' && typeof candidate.query !== 'function'
}

/** The driver of a `node:sqlite` handle. */
export function nodeSqliteDriver(database: NodeSqliteDatabase): SqliteDriver {
  return statementDriver('node:sqlite', database, (typeof database.location === 'function' ? database.location() : null) ?? undefined)
}
