/**
 * The few things docket asks of a SQLite handle, whichever runtime made it. Each runtime has an
 * adapter of its own file; none of them imports the runtime's module (the handle arrives made).
 * @module
 */

/** A value SQLite binds: what the jobs table's columns hold. */
export type SqlValue = string | number | null

/** A result row, by column name. */
export type SqlRow = Record<string, SqlValue>

/** One open SQLite database, as docket uses it. */
export interface SqliteDriver {
  /** Which adapter this is, for messages and runtime differences. */
  readonly kind: 'node:sqlite' | 'bun:sqlite' | 'durable-object'
  /** The database file, where the handle tells it (absent: in memory, or not a file). */
  readonly location?: string
  /** Runs one statement (prepared once, then cached) and returns its rows. */
  all(sql: string, params?: readonly SqlValue[]): SqlRow[]
  /** Runs one statement for its effect. */
  run(sql: string, params?: readonly SqlValue[]): void
  /** Runs statements with no parameters, separated by `;` (the schema). */
  exec(sql: string): void
  /**
   * Runs `body` in one transaction: committed when it resolves, rolled back when it rejects.
   * `immediate`: take the write lock at the start (`BEGIN IMMEDIATE`), so two processes never
   * both read and then fail to write.
   */
  transaction<T>(body: () => Promise<T>, immediate: boolean): Promise<T>
  /** Runs a synchronous `body` in one write transaction (the schema's). */
  transactionSync(body: () => void): void
  /** Settings that make sense for this runtime (WAL, busy timeout); run once, before the schema. */
  configure(settings: { busyTimeout: number; wal: boolean }): void
  /** Closes the handle, where docket may (a Durable Object's storage is not docket's to close). */
  close(): void
}

/**
 * A transaction by SQL statements, for the handles that allow them (not a Durable Object's):
 * `BEGIN IMMEDIATE` or `BEGIN`, then `COMMIT`, or `ROLLBACK` when `body` rejects.
 */
export async function sqlTransaction<T>(exec: (sql: string) => void, body: () => Promise<T>, immediate: boolean): Promise<T> {
  exec(immediate ? 'BEGIN IMMEDIATE' : 'BEGIN')
  let result: T
  try {
    result = await body()
  } catch (error) {
    try {
      exec('ROLLBACK')
    } catch {
      // SQLite rolled back already (after SQLITE_FULL, SQLITE_IOERR, SQLITE_BUSY on commit …).
    }
    throw error
  }
  try {
    exec('COMMIT')
  } catch (error) {
    try {
      exec('ROLLBACK')
    } catch {
      // Nothing left open.
    }
    throw error
  }
  return result
}

/** A synchronous write transaction by SQL statements. */
export function sqlTransactionSync(exec: (sql: string) => void, body: () => void): void {
  exec('BEGIN IMMEDIATE')
  try {
    body()
    exec('COMMIT')
  } catch (error) {
    try {
      exec('ROLLBACK')
    } catch {
      // Nothing left open.
    }
    throw error
  }
}

/** Statements prepared once per SQL text, as each runtime's `prepare` returns them. */
export function statementCache<S>(prepare: (sql: string) => S): (sql: string) => S {
  const statements = new Map<string, S>()
  return (sql) => {
    let statement = statements.get(sql)
    if (!statement) {
      statement = prepare(sql)
      statements.set(sql, statement)
    }
    return statement
  }
}

/** Blocks the thread for `ms` (SQLite's own busy wait blocks it too). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

/**
 * Runs `sql` again while SQLite answers "database is locked", for up to `timeoutMs`: switching
 * a file to WAL needs the file to itself, and SQLite does not call its busy handler for it, so
 * processes that open one new file together would fail at once.
 */
function execWhileBusy(exec: (sql: string) => void, sql: string, timeoutMs: number): void {
  const deadline = Date.now() + timeoutMs
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    try {
      return exec(sql)
    } catch (error) {
      if (!/locked|busy/i.test(String((error as Error)?.message)) || Date.now() + wait > deadline) throw error
      sleepSync(wait)
    }
  }
}

/** WAL (readers do not block the writer) and the busy wait, by pragmas. */
export function configureByPragmas(exec: (sql: string) => void, settings: { busyTimeout: number; wal: boolean }): void {
  exec(`PRAGMA busy_timeout = ${Math.floor(settings.busyTimeout)}`)
  if (settings.wal) {
    // An in-memory database answers `memory` and stays so; a file becomes WAL for good.
    execWhileBusy(exec, 'PRAGMA journal_mode = WAL', settings.busyTimeout)
    // In WAL, NORMAL loses no committed transaction when the process dies (only on power loss).
    exec('PRAGMA synchronous = NORMAL')
  }
}
