/**
 * The adapter of `node:sqlite`'s `DatabaseSync` (Node ≥ 22.13, and Deno, which implements the
 * same module).
 * @module
 */
import { configureByPragmas, sqlTransaction, sqlTransactionSync, statementCache, type SqliteDriver, type SqlRow, type SqlValue } from './driver.js'

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
  const statement = statementCache((sql) => database.prepare(sql))
  const exec = (sql: string) => database.exec(sql)
  const location = typeof database.location === 'function' ? database.location() : null
  return {
    kind: 'node:sqlite',
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
