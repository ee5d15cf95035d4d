import { DEFAULTS } from '../../defaults.js'
import type { IDBPDatabase, StoreNames } from 'idb'
import { StorageError, toStorageError } from '../../errors.js'
import { claimInTransaction, PAUSED, readPause } from './claim.js'
import { insertInTransaction } from './insert.js'
import { writeScheduleInTransaction } from './schedules.js'
import { countJobs, listJobs } from './reads.js'
import { readBlockedKeys } from './ordering-heads.js'
import { openDocketDB, type DocketDB } from './schema.js'
import { commitTally, openTally } from './tally.js'
import { removeSettledInTransaction } from './remove-settled.js'
import { applyUpdates, queued, readLogOwners, writeLogs, type Tx } from './writes.js'
import { nextPauseState } from '../pause.js'
import type { Storage } from '../storage.js'

/** Options of `indexedDBStorage`. */
export interface IndexedDBStorageOptions {
  /** The database name; contexts of an origin that use one name share their jobs. @default {@link DEFAULTS.databaseName} */
  name?: string
  /**
   * Transaction durability. `default` lets the browser choose; `strict` waits for the disk
   * on every write (slower); `relaxed` favours speed. An `add` always resolves after commit.
   * @default 'default'
   */
  durability?: 'default' | 'strict' | 'relaxed'
  /** An IndexedDB factory, e.g. from `fake-indexeddb`: how runtimes without IndexedDB persist. */
  indexedDB?: IDBFactory
  /** The `IDBKeyRange` of the same implementation as `indexedDB`. */
  IDBKeyRange?: typeof IDBKeyRange
}


/**
 * A storage on IndexedDB through `idb`. Every call is one transaction; the claim's
 * transaction makes it atomic across tabs, workers and service workers of the origin.
 * @example indexedDBStorage({ name: 'my-app-jobs' })
 * @example indexedDBStorage({ indexedDB: new IDBFactory(), IDBKeyRange }) // fake-indexeddb
 */
export function indexedDBStorage(options: IndexedDBStorageOptions = {}): Storage {
  const name = options.name ?? DEFAULTS.databaseName
  const durability = options.durability ?? 'default'
  let opening: Promise<IDBPDatabase<DocketDB>> | undefined
  let closed = false

  function factory(): IDBFactory {
    const found = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB
    if (!found) throw new StorageError('No IndexedDB in this runtime: use memoryStorage(), or indexedDBStorage({ indexedDB }) with a shim')
    return found
  }
  const keyRange = (): typeof IDBKeyRange => {
    const found = options.IDBKeyRange ?? (globalThis as { IDBKeyRange?: typeof IDBKeyRange }).IDBKeyRange
    if (!found) throw new StorageError('indexedDBStorage({ indexedDB }) in a runtime without IDBKeyRange needs the `IDBKeyRange` option too')
    return found
  }

  function db(): Promise<IDBPDatabase<DocketDB>> {
    if (closed) return Promise.reject(new StorageError(`The storage "${name}" is closed`))
    opening ??= openDocketDB(factory(), keyRange(), name, {
      onLost: () => {
        opening = undefined
      },
    }).catch((error: unknown) => {
      opening = undefined
      throw error
    })
    return opening
  }

  /**
   * Runs `body` in one readwrite transaction and resolves after it committed. One that may
   * write jobs (`counting`) keeps the counters, in `meta`, in step in the same transaction.
   */
  async function write<T>(stores: StoreNames<DocketDB>[], doing: string, body: (tx: Tx) => Promise<T>, counting = stores.includes('jobs')): Promise<T> {
    let tx: Tx | undefined
    try {
      const database = await db()
      tx = database.transaction(counting && !stores.includes('meta') ? [...stores, 'meta'] : stores, 'readwrite', { durability })
      void queued(tx.done)
      if (counting) openTally(tx)
      const result = await body(tx)
      if (counting) await commitTally(tx)
      await tx.done
      return result
    } catch (error) {
      // A request that failed only because its transaction aborted says AbortError, and one made
      // after the abort (the counters' write) InvalidStateError; the transaction's own error
      // says why (QuotaExceededError, ConstraintError …).
      const name = (error as { name?: string } | null)?.name
      const reason = name === 'AbortError' || name === 'InvalidStateError' || name === 'TransactionInactiveError' ? (tx?.error ?? error) : error
      try {
        tx?.abort()
      } catch {
        // Already finished or aborted: the original error is what matters.
      }
      throw toStorageError(reason, doing)
    }
  }

  async function read<T>(doing: string, body: (database: IDBPDatabase<DocketDB>) => Promise<T>): Promise<T> {
    try {
      return await body(await db())
    } catch (error) {
      throw toStorageError(error, doing)
    }
  }

  return {
    name,

    insert: (entries) => write(['jobs'], 'adding jobs', (tx) => insertInTransaction(tx, keyRange(), entries)),

    get: (id) => read('reading a job', (database) => database.getFromIndex('jobs', 'id', id)),

    list: (query) => read('listing jobs', (database) => listJobs(database.transaction('jobs').objectStore('jobs'), keyRange(), query)),

    count: (queue, now) => read('counting jobs', (database) => countJobs(database.transaction(['jobs', 'meta']), keyRange(), queue, now)),

    update: (updates) => write(['jobs', 'logs'], 'updating jobs', (tx) => applyUpdates(tx, keyRange(), updates)),

    claim: (request, updates = [], logs = []) => write(['jobs', 'logs', 'meta'], 'claiming jobs', (tx) => claimInTransaction(tx, keyRange(), request, updates, logs)),

    removeSettled: (request) => write(['jobs', 'logs'], 'removing settled jobs', (tx) => removeSettledInTransaction(tx, keyRange(), request)),

    blockedKeys: () => read('reading blocked keys', (database) => readBlockedKeys(database.transaction('jobs').objectStore('jobs'), keyRange())),

    // Reads `jobs` (whether each job still exists) but writes no job: no counters.
    appendLogs: (entries) => write(['jobs', 'logs'], 'writing logs', async (tx) => writeLogs(tx, entries, await readLogOwners(tx, entries)), false),

    getLogs: (id) => read('reading logs', async (database) =>
      (await database.getAllFromIndex('logs', 'id', id)).map(({ at, row }) => ({ at, row }))),

    setPaused: (queue, paused) => write(['meta'], 'storing pause', async (tx) => {
      const meta = tx.objectStore('meta')
      await meta.put(nextPauseState(await readPause(meta), queue, paused), PAUSED)
    }),

    getPaused: () => read('reading pause', (database) => readPause(database.transaction('meta').objectStore('meta'))),

    getSchedules: () => read('reading schedules', (database) => database.getAll('schedules')),

    writeSchedule: (change) => write(['schedules', 'jobs'], 'writing a schedule', (tx) => writeScheduleInTransaction(tx, keyRange(), change)),

    async close() {
      closed = true
      const pending = opening
      opening = undefined
      if (pending) (await pending.catch(() => undefined))?.close()
    },
  }
}
