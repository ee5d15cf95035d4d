import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb'
import { StorageError, toStorageError } from '../errors.js'
import { claim as claimTransition } from '../transitions.js'
import type { JobRecord } from '../types.js'
import { blocksDuplicate } from '../unique.js'
import { createClaimPolicy } from './claim-policy.js'
import { countJobs, listJobs, prefix } from './indexeddb-reads.js'
import { openDocketDB, toRow, type DocketDB, type JobRow } from './indexeddb-schema.js'
import {
  nextPauseState, type ClaimResult, type InsertResult, type PauseState, type Storage, type Update, type UpdateResult,
} from './storage.js'

/** Options of `indexedDBStorage`. */
export interface IndexedDBStorageOptions {
  /** The database name; contexts of an origin that use one name share their jobs. @default 'docket' */
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

type Tx = IDBPTransaction<DocketDB, StoreNames<DocketDB>[], 'readwrite'>
const PAUSED = 'paused'
const noPause: PauseState = { all: false, queues: [] }

/**
 * A request whose failure the transaction reports (`write` rethrows it): once the transaction
 * aborts, every pending request rejects too, and those rejections must not go unhandled.
 */
function queued<T>(request: Promise<T>): Promise<T> {
  request.catch(() => undefined)
  return request
}

/**
 * A storage on IndexedDB through `idb`. Every call is one transaction; the claim's
 * transaction makes it atomic across tabs, workers and service workers of the origin.
 * @example indexedDBStorage({ name: 'my-app-jobs' })
 * @example indexedDBStorage({ indexedDB: new IDBFactory(), IDBKeyRange }) // fake-indexeddb
 */
export function indexedDBStorage(options: IndexedDBStorageOptions = {}): Storage {
  const name = options.name ?? 'docket'
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

  async function deleteLogs(tx: Tx, ids: string[]): Promise<void> {
    const logs = tx.objectStore('logs')
    const keys = await Promise.all(ids.map((id) => logs.index('id').getAllKeys(id)))
    await Promise.all(keys.flat().map((k) => logs.delete(k)))
  }

  /** Issues the reads of the jobs that `updates` touch (one per job, all at once). */
  function readForUpdates(tx: Tx, updates: Update[]): Promise<Map<string, JobRow | undefined>> {
    const ids = [...new Set(updates.map((u) => u.id))]
    const index = tx.objectStore('jobs').index('id')
    return Promise.all(ids.map((id) => index.get(id))).then((rows) => new Map(ids.map((id, i) => [id, rows[i]])))
  }

  /** Applies updates in order on rows already read; several updates of one job see each other's result. */
  function writeUpdates(tx: Tx, updates: Update[], current: Map<string, JobRow | undefined>): { results: UpdateResult[]; removed: string[] } {
    const jobs = tx.objectStore('jobs')
    const results: UpdateResult[] = []
    const removed: string[] = []
    for (const u of updates) {
      const before = current.get(u.id)
      if (!before || (u.token !== undefined && before.token !== u.token)) {
        results.push({ id: u.id, before })
        continue
      }
      const after = u.apply(before)
      if (after === undefined) {
        results.push({ id: u.id, before })
      } else if (after === null) {
        void queued(jobs.delete(before.seq))
        removed.push(u.id)
        current.set(u.id, undefined)
        results.push({ id: u.id, before, after })
      } else {
        const row = toRow(after, before.seq)
        void queued(jobs.put(row))
        current.set(u.id, row)
        results.push({ id: u.id, before, after: row })
      }
    }
    return { results, removed }
  }

  async function applyUpdates(tx: Tx, updates: Update[]): Promise<UpdateResult[]> {
    if (!updates.length) return []
    const { results, removed } = writeUpdates(tx, updates, await readForUpdates(tx, updates))
    if (removed.length) await deleteLogs(tx, removed)
    return results
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
      const results: InsertResult[] = []
      const adds: Array<Promise<number>> = []
      entries.forEach(({ record, checkId }, i) => {
        const sameId = checkId ? (staged.get(record.id) ?? byId[i]) : undefined
        if (sameId) return void results.push({ record: sameId, duplicate: 'id' })
        const scope = record.uniqueScope
        if (record.uniqueKey !== undefined && scope) {
          const inBatch = [...staged.values()].filter((r) => r.uniqueKey === record.uniqueKey)
          const blocker = [...(byKey[i] ?? []), ...inBatch].find((r) => blocksDuplicate(r, scope))
          if (blocker) return void results.push({ record: blocker, duplicate: 'unique' })
        }
        const { seq: _unused, ...row } = toRow(record, 0)
        adds.push(queued(jobs.add(row as JobRow)))
        staged.set(record.id, record)
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

    claim: (request, updates = []) => write(['jobs', 'logs', 'meta'], 'claiming jobs', async (tx): Promise<ClaimResult> => {
      const R = KeyRange()
      const jobs = tx.objectStore('jobs')
      const timeline = jobs.index('timeline')
      // Every read that does not depend on another is issued at once: one round trip, not five.
      const [rows, stored, due, [future]] = await Promise.all([
        readForUpdates(tx, updates),
        tx.objectStore('meta').get(PAUSED) as Promise<PauseState | undefined>,
        timeline.getAll(R.bound(['delayed'], ['delayed', request.now])),
        timeline.getAll(R.bound(['delayed', request.now], prefix('delayed')[1], true), 1),
      ])
      const { results: updated, removed } = writeUpdates(tx, updates, rows)
      if (removed.length) await deleteLogs(tx, removed)
      for (const read of due) {
        // An update in this transaction (a cancel, say) may have changed the job since it was read.
        const row = rows.has(read.id) ? rows.get(read.id) : read
        if (row?.state === 'delayed' && row.runAt <= request.now) void queued(jobs.put({ ...row, state: 'waiting' }))
      }
      const pause = stored ?? noPause
      const claimed: JobRecord[] = []
      let more = false
      if (request.limit > 0 && !pause.all) {
        const policy = createClaimPolicy(request, pause)
        const limited = Object.keys(request.queueLimits)
        const chunk = Math.max(16, request.limit * 2)
        let range = R.bound(...prefix('waiting'))
        // The writes above are queued before these reads, so they see settled and promoted jobs.
        const [first, ...counts] = await Promise.all([
          jobs.index('ready').getAll(range, chunk),
          ...limited.map((q) => jobs.index('queue').count(R.bound(...prefix(q, 'active')))),
        ])
        limited.forEach((q, i) => policy.setCount(q, counts[i] as number))
        for (let page = first as JobRow[]; ;) {
          for (const [i, row] of page.entries()) {
            if (!policy.accept(row)) continue
            const next = toRow(claimTransition(row, request.now, request.owner, request.token(), request.leaseMs), row.seq)
            void queued(jobs.put(next))
            claimed.push(next)
            more = policy.full && (i < page.length - 1 || page.length === chunk)
            if (policy.full) break
          }
          const last = page[page.length - 1]
          if (policy.full || page.length < chunk || !last) break
          range = R.bound(['waiting', last.rank, last.runAt, last.seq], prefix('waiting')[1], true)
          page = await jobs.index('ready').getAll(range, chunk)
        }
      }
      const retryAt = updated.map((u) => (u.after && u.after.state === 'delayed' ? u.after.runAt : Infinity))
      const nextRunAt = Math.min(future?.runAt ?? Infinity, ...retryAt)
      return { claimed, updated, more, ...(nextRunAt !== Infinity ? { nextRunAt } : {}) }
    }),

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

    appendLogs: (entries) => write(['jobs', 'logs'], 'writing logs', async (tx) => {
      const logs = tx.objectStore('logs')
      // A job removed while it ran keeps no logs: no retention would ever remove them.
      const exists = await Promise.all(entries.map((e) => tx.objectStore('jobs').index('id').count(e.id)))
      await Promise.all(entries.filter((_, i) => exists[i]).map((e) => logs.add({ id: e.id, at: e.at, row: e.row })))
    }),

    getLogs: (id) => read('reading logs', async (d) =>
      (await d.getAllFromIndex('logs', 'id', id)).map(({ at, row }) => ({ at, row }))),

    setPaused: (queue, paused) => write(['meta'], 'storing pause', async (tx) => {
      const meta = tx.objectStore('meta')
      const pause = ((await meta.get(PAUSED)) as PauseState | undefined) ?? noPause
      await meta.put(nextPauseState(pause, queue, paused), PAUSED)
    }),

    getPaused: () => read('reading pause', async (d) => ((await d.get('meta', PAUSED)) as PauseState | undefined) ?? { ...noPause }),

    async close() {
      closed = true
      const pending = opening
      opening = undefined
      if (pending) (await pending.catch(() => undefined))?.close()
    },
  }
}
