/**
 * The table port in memory. A transaction stages its writes in overlays and commits them when
 * its body resolves, so a body that throws (a value that cannot be cloned, say) stores
 * nothing, as an aborted IndexedDB transaction would; transactions run one at a time. Rows are
 * structured-cloned on the way in and out, as IndexedDB's are. Index reads scan and sort: the
 * memory storage is for tests, one context, and jobs that need not outlive it.
 * @module
 */
import type { LogEntry } from '../job/record.js'
import type { ScheduleRecord } from '../schedules/schedule-types.js'
import { toStorageError } from '../errors.js'
import { cloned } from './cloned.js'
import { compareKeys, indexKeys, inRange } from './core/index-keys.js'
import type { JobRow } from './core/job-row.js'
import type { Table, TableTx } from './core/table.js'

/** A map with staged changes (`null`: deleted) that `commit` writes. */
function overlay<K, V>(base: Map<K, V>) {
  const staged = new Map<K, V | null>()
  const get = (key: K): V | undefined => (staged.has(key) ? (staged.get(key) ?? undefined) : base.get(key))
  return {
    get,
    set: (key: K, value: V | null) => void staged.set(key, value),
    *values(): Iterable<V> {
      for (const [key, value] of base) if (!staged.has(key)) yield value
      for (const value of staged.values()) if (value !== null) yield value
    },
    commit: () => staged.forEach((value, key) => (value === null ? base.delete(key) : base.set(key, value))),
  }
}

/** A table in memory. */
export function memoryTable(): Table {
  const stores = { jobs: new Map<number, JobRow>(), logs: new Map<string, LogEntry[]>(), meta: new Map<string, unknown>(), schedules: new Map<string, ScheduleRecord>() }
  let seq = 0
  let queue: Promise<unknown> = Promise.resolve()

  function transaction<T>(doing: string, body: (tx: TableTx) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      const jobs = overlay(stores.jobs)
      const logs = overlay(stores.logs)
      const meta = overlay(stores.meta)
      const schedules = overlay(stores.schedules)
      let nextSeq = seq
      const out = <V>(value: V): V => structuredClone(value)
      const rows = (): JobRow[] => [...jobs.values()]
      const entries = (index: Parameters<TableTx['range']>[0]) => rows().flatMap((row) => indexKeys(index, row).map((key) => ({ key, row })))
      const tx: TableTx = {
        byId: async (id) => out(rows().find((row) => row.id === id)),
        bySeq: async (key) => out(jobs.get(key)),
        async range(index, range, { limit = Infinity, reverse = false } = {}) {
          const found = entries(index).filter(({ key }) => inRange(key, range))
          found.sort((a, b) => compareKeys(a.key, b.key) || a.row.seq - b.row.seq)
          if (reverse) found.reverse()
          return out(found.slice(0, limit).map(({ row }) => row))
        },
        count: async (index, range) => entries(index).filter(({ key }) => inRange(key, range)).length,
        distinct: async (index) => [...new Set(entries(index).map(({ key }) => key[0]!))].sort((a, b) => compareKeys([a], [b])),
        async add(row) {
          const key = ++nextSeq
          jobs.set(key, cloned({ ...row, seq: key } as JobRow, doing))
          return key
        },
        put: (row) => jobs.set(row.seq, cloned(row, doing)),
        delete: (key) => jobs.set(key, null),
        getMeta: async (key) => out(meta.get(key)) as never,
        putMeta: (key, value) => meta.set(key, cloned(value, doing)),
        addLog: ({ id, at, row }) => logs.set(id, [...(logs.get(id) ?? []), { at, row: cloned(row, doing) }]),
        logs: async (id) => out(logs.get(id) ?? []),
        deleteLogs: (id) => logs.set(id, null),
        schedule: async (id) => out(schedules.get(id)),
        schedules: async () => out([...schedules.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))),
        putSchedule: (record) => schedules.set(record.id, cloned(record, doing)),
        deleteSchedule: (id) => schedules.set(id, null),
      }
      const result = await body(tx)
      for (const store of [jobs, logs, meta, schedules]) store.commit()
      seq = nextSeq
      return result
    }
    const result = queue.then(run).catch((error: unknown) => {
      throw toStorageError(error, doing)
    })
    queue = result.catch(() => undefined)
    return result
  }

  return { write: transaction, read: transaction, close: async () => {} }
}
