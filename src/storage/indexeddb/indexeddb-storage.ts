import { DEFAULTS } from '../../defaults.js'
import type { IDBPDatabase, StoreNames } from 'idb'
import { StorageError, toStorageError } from '../../errors.js'
import type { JobRecord } from '../../job/record.js'
import { blocksDuplicate } from '../../job/unique.js'
import { claimInTransaction, PAUSED, readPause } from './claim.js'
import { countJobs, listJobs, prefix } from './reads.js'
import { openDocketDB, toRow, type DocketDB, type JobRow } from './schema.js'
import { applyUpdates, deleteLogs, queued, readLogOwners, writeLogs, type Tx } from './writes.js'
import { nextPauseState } from '../pause.js'
import { type InsertResult, type Storage } from '../storage.js'

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
    const f = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB
    if (!f) throw new StorageError('No IndexedDB in this runtime: use memoryStorage(), or indexedDBStorage({ indexedDB }) with a shim')
    return f
  }
  const KeyRange = (): typeof IDBKeyRange => {
    const k = options.IDBKeyRange ?? (globalThis as { IDBKeyRange?: typeof IDBKeyRange }).IDBKeyRange
    if (!k) throw new StorageError('indexedDBStorage({ indexedDB }) in a runtime without IDBKeyRange needs the `IDBKeyRange` option too')
    return k
  }

  function db(): Promise<IDBPDatabase<DocketDB>> {
    if (closed) return Promise.reject(new StorageError(`The storage "${name}" is closed`))
    opening ??= openDocketDB(factory(), name, {
      onLost: () => {
        opening = undefined
      },
    }).catch((error: unknown) => {
      opening = undefined
      throw error
    })
    return opening
  }

  /** Runs `body` in one readwrite transaction and resolves after it committed. */
  async function write<T>(stores: StoreNames<DocketDB>[], doing: string, body: (tx: Tx) => Promise<T>): Promise<T> {
    let tx: Tx | undefined
    try {
      const d = await db()
      tx = d.transaction(stores, 'readwrite', { durability })
      void queued(tx.done)
      const result = await body(tx)
      await tx.done
      return result
    } catch (error) {
      // A request that failed only because its transaction aborted says AbortError; the
      // transaction's own error says why (QuotaExceededError, ConstraintError …).
      const reason = (error as { name?: string } | null)?.name === 'AbortError' ? (tx?.error ?? error) : error
      try {
        tx?.abort()
      } catch {
        // Already finished or aborted: the original error is what matters.
      }
      throw toStorageError(reason, doing)
    }
  }

  async function read<T>(doing: string, body: (d: IDBPDatabase<DocketDB>) => Promise<T>): Promise<T> {
    try {
      return await body(await db())
    } catch (error) {
      throw toStorageError(error, doing)
    }
  }

  return {
    name,

    insert: (entries) => write(['jobs'], 'adding jobs', async (tx) => {
      const jobs = tx.objectStore('jobs')
      const R = KeyRange()
      const [byId, byKey] = await Promise.all([
        Promise.all(entries.map((e) => (e.checkId ? jobs.index('id').get(e.record.id) : undefined))),
        Promise.all(entries.map((e) => (e.record.uniqueKey !== undefined ? jobs.index('unique').getAll(R.only(e.record.uniqueKey)) : undefined))),
      ])
      const staged = new Map<string, JobRecord>()
      // Jobs of this batch by unique key: a duplicate inside the batch is found without rescanning it.
      const stagedByKey = new Map<string, JobRecord[]>()
      const results: InsertResult[] = []
      const adds: Array<Promise<number>> = []
      entries.forEach(({ record, checkId }, i) => {
        const sameId = checkId ? (staged.get(record.id) ?? byId[i]) : undefined
        if (sameId) return void results.push({ record: sameId, duplicate: 'id' })
        const scope = record.uniqueScope
        if (record.uniqueKey !== undefined && scope) {
          const inBatch = stagedByKey.get(record.uniqueKey) ?? []
          const blocker = [...(byKey[i] ?? []), ...inBatch].find((r) => blocksDuplicate(r, scope))
          if (blocker) return void results.push({ record: blocker, duplicate: 'unique' })
        }
        const { seq: _unused, ...row } = toRow(record, 0)
        adds.push(queued(jobs.add(row as JobRow)))
        staged.set(record.id, record)
        if (record.uniqueKey !== undefined) stagedByKey.set(record.uniqueKey, [...(stagedByKey.get(record.uniqueKey) ?? []), record])
        results.push({ record, duplicate: false })
      })
      const seqs = await Promise.all(adds)
      let k = 0
      return results.map((r) => (r.duplicate ? r : { ...r, record: { ...r.record, seq: seqs[k++]! } }))
    }),

    get: (id) => read('reading a job', (d) => d.getFromIndex('jobs', 'id', id)),

    list: (query) => read('listing jobs', (d) => listJobs(d.transaction('jobs').objectStore('jobs'), KeyRange(), query)),

    count: (queue, now) => read('counting jobs', (d) => countJobs(d.transaction('jobs').objectStore('jobs'), KeyRange(), queue, now)),

    update: (updates) => write(['jobs', 'logs'], 'updating jobs', (tx) => applyUpdates(tx, updates)),

    claim: (request, updates = [], logs = []) => write(['jobs', 'logs', 'meta'], 'claiming jobs', (tx) => claimInTransaction(tx, KeyRange(), request, updates, logs)),

    expired: (now, limit) => read('reading expired leases', (d) =>
      d.getAllFromIndex('jobs', 'timeline', KeyRange().bound(['active'], ['active', now], false, true), limit)),

    removeSettled: (request) => write(['jobs', 'logs'], 'removing settled jobs', async (tx) => {
      const R = KeyRange()
      const jobs = tx.objectStore('jobs')
      const total = request.keep === undefined ? 0 : await jobs.index('state').count(R.bound(...prefix(request.state)))
      const excess = request.keep === undefined ? 0 : Math.max(0, total - request.keep)
      const limit = request.limit ?? Infinity
      const ids: string[] = []
      let cursor = await jobs.index('timeline').openCursor(R.bound(...prefix(request.state)))
      for (let i = 0; cursor && ids.length < limit; i++) {
        const row = cursor.value
        const old = request.before !== undefined && (row.settledAt ?? 0) < request.before
        if (i >= excess && !old) break
        ids.push(row.id)
        void queued(cursor.delete())
        cursor = await cursor.continue()
      }
      if (ids.length) await deleteLogs(tx, ids)
      return ids
    }),

    appendLogs: (entries) => write(['jobs', 'logs'], 'writing logs', async (tx) => writeLogs(tx, entries, await readLogOwners(tx, entries))),

    getLogs: (id) => read('reading logs', async (d) =>
      (await d.getAllFromIndex('logs', 'id', id)).map(({ at, row }) => ({ at, row }))),

    setPaused: (queue, paused) => write(['meta'], 'storing pause', async (tx) => {
      const meta = tx.objectStore('meta')
      await meta.put(nextPauseState(await readPause(meta), queue, paused), PAUSED)
    }),

    getPaused: () => read('reading pause', (d) => readPause(d.transaction('meta').objectStore('meta'))),

    async close() {
      closed = true
      const pending = opening
      opening = undefined
      if (pending) (await pending.catch(() => undefined))?.close()
    },
  }
}
