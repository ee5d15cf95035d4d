/**
 * The adapter of Bun's `bun:sqlite` `Database`.
 * @module
 */
import { statementDriver, type SqliteDriver, type SqlValue } from './driver.js'

/** What docket uses of a `bun:sqlite` `Statement`. */
export interface BunSqliteStatement {
  all(...params: SqlValue[]): unknown[]
  run(...params: SqlValue[]): unknown
}

/** What docket uses of a `bun:sqlite` `Database`. */
export interface BunSqliteDatabase {
  prepare(sql: string): BunSqliteStatement
  query(sql: string): BunSqliteStatement
  exec(sql: string): unknown
  close(): void
  /** The file's path, `:memory:` in memory. */
  readonly filename?: string
}

/** Whether `handle` looks like a `bun:sqlite` `Database` (it has `query`, which `node:sqlite` lacks). */
export function isBunSqlite(handle: unknown): handle is BunSqliteDatabase {
  const candidate = handle as Partial<Record<string, unknown>> | null
  return typeof candidate?.query === 'function' && typeof candidate.prepare === 'function' && typeof candidate.exec === 'function'
}

/** The driver of a `bun:sqlite` handle. */
export function bunSqliteDriver(database: BunSqliteDatabase): SqliteDriver {
  return statementDriver('bun:sqlite', database, database.filename && database.filename !== ':memory:' ? database.filename : undefined)
}
