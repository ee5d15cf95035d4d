/**
 * The adapter of Bun's `bun:sqlite` `Database`.
 * @module
 */
import { configureByPragmas, sqlTransaction, sqlTransactionSync, statementCache, type SqliteDriver, type SqlRow, type SqlValue } from './driver.js'

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
  const statement = statementCache((sql) => database.prepare(sql))
  const exec = (sql: string) => void database.exec(sql)
  const location = database.filename && database.filename !== ':memory:' ? database.filename : undefined
  return {
    kind: 'bun:sqlite',
    ...(location ? { location } : {}),
    all: (sql, params = []) => statement(sql).all(...params) as SqlRow[],
    run: (sql, params = []) => void statement(sql).run(...params),
    exec,
    transaction: (body, immediate) => sqlTransaction(exec, body, immediate),
    transactionSync: (body) => sqlTransactionSync(exec, body),
    configure: (settings) => configureByPragmas(exec, settings),
    close: () => database.close(),
  }
}
