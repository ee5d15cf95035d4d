import { now } from './clock.js'
import { docketSchemaDB } from './docket-schema-db.js'
import { medianOf, rate, type Figure } from './figure.js'
import { jobRow } from './job-rows.js'
import { dropDatabase, openRaw, requestDone, transactionDone, uniqueName } from './raw-indexeddb.js'

/** A store with the same key but no index: what a write costs before index upkeep. */
const bareDB = (name: string): Promise<IDBDatabase> =>
  openRaw(name, (db) => db.createObjectStore('jobs', { keyPath: 'seq', autoIncrement: true }))

async function onePerTransaction(db: IDBDatabase, n: number): Promise<number> {
  const rows = Array.from({ length: n }, (_, i) => jobRow(i))
  const t0 = now()
  for (const row of rows) {
    const tx = db.transaction('jobs', 'readwrite')
    tx.objectStore('jobs').add(row)
    await transactionDone(tx)
  }
  return rate(n, now() - t0)
}

async function batched(db: IDBDatabase, n: number): Promise<number> {
  const rows = Array.from({ length: n }, (_, i) => jobRow(i))
  const t0 = now()
  const tx = db.transaction('jobs', 'readwrite')
  const store = tx.objectStore('jobs')
  for (const row of rows) store.add(row)
  await transactionDone(tx)
  return rate(n, now() - t0)
}

/**
 * The cost of waiting inside a transaction: an empty readwrite transaction, then one that reads
 * `k` rows by the `id` index one after another (each read awaited, as a read that decides the
 * next step must be), then the same `k` reads issued together. Milliseconds per transaction.
 */
async function roundTrips(db: IDBDatabase, k: number, mode: 'empty' | 'sequential' | 'parallel', samples = 100): Promise<number> {
  const seed = db.transaction('jobs', 'readwrite')
  const rows = Array.from({ length: k }, (_, i) => jobRow(i))
  for (const row of rows) seed.objectStore('jobs').add(row)
  await transactionDone(seed)
  const ids = rows.map((r) => r.id as string)
  const t0 = now()
  for (let s = 0; s < samples; s++) {
    const tx = db.transaction('jobs', 'readwrite')
    const index = tx.objectStore('jobs').index('id')
    if (mode === 'sequential') for (const id of ids) await requestDone(index.get(id))
    if (mode === 'parallel') await Promise.all(ids.map((id) => requestDone(index.get(id))))
    await transactionDone(tx)
  }
  return (now() - t0) / samples
}

async function withDB(open: (name: string) => Promise<IDBDatabase>, body: (db: IDBDatabase) => Promise<number>): Promise<number> {
  const name = uniqueName('limit')
  const db = await open(name)
  try {
    return await body(db)
  } finally {
    db.close()
    await dropDatabase(name)
  }
}

/** Raw adds of `n` rows, one transaction each, into a fresh database with docket's schema. */
export const rawOnePerTx = (n: number): Promise<number> => withDB(docketSchemaDB, (db) => onePerTransaction(db, n))

/** Raw adds of `n` rows in one transaction, into a fresh database with docket's schema. */
export const rawBatched = (n: number): Promise<number> => withDB(docketSchemaDB, (db) => batched(db, n))

/** Raw IndexedDB writes of docket's record shape: the ceiling every docket write figure is held against. */
export async function measureLimit(options: { runs: number; single: number; batch: number }): Promise<Record<string, Figure>> {
  return {
    'limit.put.one-per-tx': await medianOf(options.runs, 'ops/s', () => rawOnePerTx(options.single),
      `${options.single} adds, one readwrite transaction each, docket's indexes`),
    'limit.put.batched': await medianOf(options.runs, 'ops/s', () => rawBatched(options.batch),
      `${options.batch} adds in one transaction, docket's indexes`),
    'limit.put.one-per-tx.no-index': await medianOf(options.runs, 'ops/s', () => withDB(bareDB, (db) => onePerTransaction(db, options.single)),
      `${options.single} adds, one transaction each, no index`),
    'limit.put.batched.no-index': await medianOf(options.runs, 'ops/s', () => withDB(bareDB, (db) => batched(db, options.batch)),
      `${options.batch} adds in one transaction, no index`),
    'limit.tx.empty': await medianOf(options.runs, 'ms', () => withDB(docketSchemaDB, (db) => roundTrips(db, 5, 'empty')),
      'one readwrite transaction with no request, per transaction'),
    'limit.tx.5-reads-awaited': await medianOf(options.runs, 'ms', () => withDB(docketSchemaDB, (db) => roundTrips(db, 5, 'sequential')),
      'one readwrite transaction of 5 index gets, each awaited before the next'),
    'limit.tx.5-reads-together': await medianOf(options.runs, 'ms', () => withDB(docketSchemaDB, (db) => roundTrips(db, 5, 'parallel')),
      'one readwrite transaction of the same 5 index gets issued together'),
  }
}
