import { DEFAULTS } from '../../defaults.js'
import type { IDBPDatabase } from 'idb'
import { StorageError, toStorageError } from '../../errors.js'
import { createCoreStorage } from '../core/core-storage.js'
import type { Table, TableStore, TableTx } from '../core/table.js'
import { indexedDBTx, queued, type Tx } from './indexeddb-tx.js'
import { openDocketDB, type DocketDB } from './schema.js'
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

const STORES = ['jobs', 'logs', 'meta', 'schedules'] as const

/**
 * A storage on IndexedDB through `idb`: the storage core over an IndexedDB table. Every call
 * is one transaction; IndexedDB runs overlapping read-write transactions one after another,
 * even across connections, so the claim is atomic across tabs, workers and service workers.
 * @example indexedDBStorage({ name: 'my-app-jobs' })
 * @example indexedDBStorage({ indexedDB: new IDBFactory(), IDBKeyRange }) // fake-indexeddb
 */
export function indexedDBStorage(options: IndexedDBStorageOptions = {}): Storage {
  return createCoreStorage(indexedDBTable(options))
}

/** The table port on IndexedDB. */
export function indexedDBTable(options: IndexedDBStorageOptions = {}): Table {
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

  /** Runs `body` in one transaction over `scope` (every store by default) and resolves after it committed. */
  async function transaction<T>(mode: 'readwrite' | 'readonly', doing: string, body: (tx: TableTx) => Promise<T>, scope: readonly TableStore[] = STORES): Promise<T> {
    let tx: Tx | undefined
    try {
      const database = await db()
      tx = database.transaction([...scope], mode, { durability }) as Tx
      void queued(tx.done)
      const result = await body(indexedDBTx(tx, keyRange()))
      await tx.done
      return result
    } catch (error) {
      // A request that failed only because its transaction aborted says AbortError, and one made
      // after the abort InvalidStateError; the transaction's own error says why
      // (QuotaExceededError, ConstraintError …).
      const errorName = (error as { name?: string } | null)?.name
      const reason = errorName === 'AbortError' || errorName === 'InvalidStateError' || errorName === 'TransactionInactiveError' ? (tx?.error ?? error) : error
      try {
        tx?.abort()
      } catch {
        // Already finished or aborted: the original error is what matters.
      }
      throw toStorageError(reason, doing)
    }
  }

  return {
    name,
    write: (doing, body, scope) => transaction('readwrite', doing, body, scope),
    read: (doing, body, scope) => transaction('readonly', doing, body, scope),
    async close() {
      closed = true
      const pending = opening
      opening = undefined
      if (pending) (await pending.catch(() => undefined))?.close()
    },
  }
}
