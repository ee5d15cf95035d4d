import { planInsert } from '../insert-plan.js'
import type { InsertEntry, InsertResult } from '../storage.js'
import { toRow, type JobRow } from './schema.js'
import { queued, type Tx } from './writes.js'

/**
 * The insert, in one transaction and one round trip of reads: every id to check and every
 * unique key is read at once (each once, however many entries share it), the batch is
 * decided by the pure insert plan, then the records to store are added.
 */
export async function insertInTransaction(tx: Tx, entries: InsertEntry[]): Promise<InsertResult[]> {
  const jobs = tx.objectStore('jobs')
  const ids = [...new Set(entries.filter((entry) => entry.checkId).map((entry) => entry.record.id))]
  const keys = [...new Set(entries.flatMap((entry) => entry.record.uniqueKey ?? []))]
  const [idRows, keyRows] = await Promise.all([
    Promise.all(ids.map((id) => jobs.index('id').get(id))),
    Promise.all(keys.map((key) => jobs.index('unique').getAll(key))),
  ])
  const byId = new Map(ids.map((id, i) => [id, idRows[i]]))
  const byKey = new Map(keys.map((key, i) => [key, keyRows[i] ?? []]))
  const plan = planInsert(entries, { byId: (id) => byId.get(id), byUniqueKey: (key) => byKey.get(key) ?? [] })
  const toStore = plan.filter((result) => !result.duplicate).map((result) => result.record)
  const adds = toStore.map((record) => {
    // `seq` is the store's auto-increment key: the row goes in without one.
    const { seq: _unused, ...row } = toRow(record, 0)
    return queued(jobs.add(row as JobRow))
  })
  const seqs = await Promise.all(adds)
  // Keyed by the entry's record: a duplicate of an earlier entry of the batch returns it with its seq.
  const stored = new Map(toStore.map((record, i) => [record, { ...record, seq: seqs[i]! }]))
  return plan.map(({ record, duplicate }) => ({ record: stored.get(record) ?? record, duplicate }))
}
