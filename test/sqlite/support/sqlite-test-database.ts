// The queue tests' database on SQLite, in place of test/support/test-database.ts for the
// `sqlite-queue` project (vitest.config.ts swaps it in): a new file per test, and each
// `storage()` a new handle on it, as each IndexedDB storage is a new connection.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sqliteStorage } from 'docket/sqlite'
import { databaseOpener } from '../runtime-database.js'

/** One database that several queues (or a bare storage) may open, together or in turn. */
export interface TestDatabase {
  name: string
  /** A new storage on a new handle of this database's file. */
  storage(): ReturnType<typeof sqliteStorage>
}

const dir = mkdtempSync(join(tmpdir(), 'docket-queue-tests-'))
const open = await databaseOpener()
let files = 0

/** A new, empty database file. */
export async function testDatabase(): Promise<TestDatabase> {
  const name = join(dir, `queue-${++files}.db`)
  return { name, storage: () => sqliteStorage(open(name).handle) }
}
