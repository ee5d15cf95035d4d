// The SQLite handle of the runtime the test runs in: `bun:sqlite` in Bun, `node:sqlite` in Node
// and Deno. Vitest runs its workers in the runtime that started it (scripts/edge-tests.mjs).
import type { SqliteDatabase } from 'docket/sqlite'

/** Which runtime runs this test, as named in reports. */
export const runtime: 'bun' | 'deno' | 'node' =
  process.versions.bun ? 'bun' : 'Deno' in globalThis ? 'deno' : 'node'

/** A raw handle for assertions: `all` and `run`, whichever runtime. */
export interface RawDatabase {
  handle: SqliteDatabase
  all(sql: string, ...params: (string | number | null)[]): Record<string, unknown>[]
  run(sql: string, ...params: (string | number | null)[]): void
  close(): void
}

/**
 * The runtime's synchronous opener, once its SQLite module is loaded.
 * @example const open = await databaseOpener(); const db = open(join(dir, 'jobs.db'))
 */
export async function databaseOpener(): Promise<(path?: string) => RawDatabase> {
  if (runtime === 'bun') {
    const { Database } = await import('bun:sqlite')
    return (path = ':memory:') => {
      const handle = new Database(path)
      return { handle, all: (sql, ...params) => handle.prepare(sql).all(...params), run: (sql, ...params) => void handle.prepare(sql).run(...params), close: () => handle.close() }
    }
  }
  const { DatabaseSync } = await import('node:sqlite')
  return (path = ':memory:') => {
    const handle = new DatabaseSync(path)
    return { handle, all: (sql, ...params) => handle.prepare(sql).all(...params), run: (sql, ...params) => void handle.prepare(sql).run(...params), close: () => handle.close() }
  }
}

/**
 * Opens `path` (`:memory:` by default) with the runtime's own SQLite.
 * @example const db = await openDatabase(join(dir, 'jobs.db'))
 */
export async function openDatabase(path = ':memory:'): Promise<RawDatabase> {
  return (await databaseOpener())(path)
}
