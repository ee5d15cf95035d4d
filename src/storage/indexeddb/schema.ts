import { wrap, type DBSchema, type IDBPDatabase } from 'idb'
import type { ScheduleRecord } from '../../schedules/schedule-types.js'
import type { JobRow } from '../core/job-row.js'
import { probeBlobs } from './blob-support.js'
import { upgradeToOrdering } from './ordering-schema.js'
import { upgradeToCounters } from './counters-schema.js'

/**
 * The database, typed once. `jobs` is keyed by an auto-increment `seq` (insertion order,
 * atomic across connections); every hot read is an index range:
 * - `timeline` [state, timeKey]: due delayed jobs, the next `runAt`, expired leases, retention by age;
 * - `state` [state, seq] and `queue` [queue, state, seq]: list and count;
 * - `unique` and `id`: point reads.
 */
export interface DocketDB extends DBSchema {
  jobs: {
    key: number
    value: JobRow
    indexes: {
      id: string
      timeline: [string, number]
      state: [string, number]
      queue: [string, string, number]
      unique: string
      ordering: [string, number]
      keyActive: string
      keyBlocked: string
      runnable: [string, number, number, number]
      /** Flows (version 4): multiEntry on the prerequisite ids, so a settle finds its dependents. */
      dependsOn: string
    }
  }
  logs: {
    key: number
    value: { id: string; at: number; row: unknown }
    indexes: { id: string }
  }
  meta: { key: string; value: unknown }
  /** Schedules by id (version 3). */
  schedules: { key: string; value: ScheduleRecord }
}

/**
 * The schema version: 1 in 0.1; 2 adds ordering keys' indexes; 3 adds `schedules`; 4 adds the
 * index `dependsOn` (flows); 5 adds the counters (a `meta` row) and drops the unused `ready` index.
 */
export const SCHEMA_VERSION = 5

/**
 * Upgrades step by step from the version found (0: a new database), so a database of any
 * earlier release keeps every job. Each step is self-contained.
 */
function upgrade(db: IDBDatabase, tx: IDBTransaction, oldVersion: number, KeyRange: typeof IDBKeyRange): void {
  if (oldVersion < 1) upgradeTo1(db, tx)
  if (oldVersion < 2) upgradeToOrdering(tx)
  if (oldVersion < 3) db.createObjectStore('schedules', { keyPath: 'id' })
  // Jobs stored before have no `dependsOn`: they are simply not in the index.
  if (oldVersion < 4) tx.objectStore('jobs').createIndex('dependsOn', 'dependsOn', { multiEntry: true })
  if (oldVersion < 5) upgradeToCounters(tx, KeyRange)
  // A row that always exists, so that a cursor can be opened to learn a shim's cursor class.
  tx.objectStore('meta').put({ version: SCHEMA_VERSION }, 'schema')
}

/** Version 1 (docket 0.1): the stores and their first indexes. */
export function upgradeTo1(db: IDBDatabase, tx: IDBTransaction): void {
  const jobs = db.createObjectStore('jobs', { keyPath: 'seq', autoIncrement: true })
  jobs.createIndex('id', 'id', { unique: true })
  jobs.createIndex('ready', ['state', 'rank', 'runAt', 'seq'])
  jobs.createIndex('timeline', ['state', 'timeKey'])
  jobs.createIndex('state', ['state', 'seq'])
  jobs.createIndex('queue', ['queue', 'state', 'seq'])
  jobs.createIndex('unique', 'uniqueKey')
  const logs = db.createObjectStore('logs', { autoIncrement: true })
  logs.createIndex('id', 'id')
  db.createObjectStore('meta')
  // A row that always exists, so that a cursor can be opened to learn a shim's cursor class.
  tx.objectStore('meta').put({ version: 1 }, 'schema')
}

function requestDone<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

const classNames = ['IDBRequest', 'IDBTransaction', 'IDBDatabase', 'IDBObjectStore', 'IDBIndex', 'IDBCursor'] as const

/**
 * idb recognises IndexedDB objects with `instanceof` against the global classes. A runtime
 * that brings a shim (edge, Node) has none, so they are defined here from the shim's own
 * objects, at first open and only where missing: never at import time.
 */
async function defineMissingClasses(db: IDBDatabase, open: IDBOpenDBRequest): Promise<void> {
  const g = globalThis as Record<string, unknown>
  if (classNames.every((n) => typeof g[n] === 'function')) return
  const tx = db.transaction(['jobs', 'meta'], 'readonly')
  const store = tx.objectStore('meta')
  const cursorRequest = store.openCursor()
  const cursor = await requestDone(cursorRequest)
  const parent = (o: object): unknown => Object.getPrototypeOf(Object.getPrototypeOf(o)).constructor
  const found: Record<(typeof classNames)[number], unknown> = {
    IDBRequest: parent(open),
    IDBTransaction: tx.constructor,
    IDBDatabase: db.constructor,
    IDBObjectStore: store.constructor,
    IDBIndex: tx.objectStore('jobs').index('id').constructor,
    IDBCursor: cursor ? parent(cursor) : undefined,
  }
  for (const n of classNames) if (typeof g[n] !== 'function' && typeof found[n] === 'function') g[n] = found[n]
}

/** Connection hooks: the storage drops its handle so the next call reopens. */
export interface OpenHooks {
  /** Another context wants a newer version, or the browser closed the connection. */
  onLost(db: IDBPDatabase<DocketDB>): void
}

/** Opens (creating or upgrading) the database through the given factory. */
export async function openDocketDB(factory: IDBFactory, KeyRange: typeof IDBKeyRange, name: string, hooks: OpenHooks): Promise<IDBPDatabase<DocketDB>> {
  const open = factory.open(name, SCHEMA_VERSION)
  open.onupgradeneeded = (event) => upgrade(open.result, open.transaction!, event.oldVersion, KeyRange)
  const raw = await requestDone(open)
  await defineMissingClasses(raw, open)
  const db = wrap(raw) as unknown as IDBPDatabase<DocketDB>
  await probeBlobs(db)
  raw.onversionchange = () => {
    // Let the other context upgrade; this one reopens on its next call.
    raw.close()
    hooks.onLost(db)
  }
  raw.onclose = () => hooks.onLost(db)
  return db
}
