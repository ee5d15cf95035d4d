import { changedBlockers, planInsert } from '../insert-plan.js'
import { markHeads } from './ordering-heads.js'
import type { InsertEntry, InsertResult } from '../storage.js'
import { toRow, type JobRow } from './schema.js'
import { queued, type Tx } from './writes.js'
import { tally } from './tally.js'

/** How many adds one task issues; the transaction stays open between chunks (a request is pending). */
const ADD_CHUNK = 200

/**
 * The insert, in one transaction and one round trip of reads: every id to check and every
 * unique key is read at once (each once, however many entries share it), the batch is
 * decided by the pure insert plan, then the records to store are added.
 */
export async function insertInTransaction(tx: Tx, KeyRange: typeof IDBKeyRange, entries: InsertEntry[]): Promise<InsertResult[]> {
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
  // A replaced or moved blocker is written back under its own seq.
  const blockers = new Map(keyRows.flat().map((row) => [row.id, row]))
  for (const record of changedBlockers(plan)) {
    tally(tx, blockers.get(record.id), record)
    void queued(jobs.put(toRow(record, record.seq!)))
  }
  const seqs: number[] = []
  // Each add clones its row on the calling thread (≈ 0.08 ms a job in Chromium): a large batch
  // is issued a chunk per task, so a 10,000-job addBulk holds the page's thread ≈ 30 ms at a
  // time rather than 0.8 s. The next chunk is issued once the one before the last is done, so
  // the engine always has a chunk queued and never waits for the page.
  let before: Promise<unknown> = Promise.resolve()
  for (let from = 0; from < toStore.length; from += ADD_CHUNK) {
    const chunk = Promise.all(toStore.slice(from, from + ADD_CHUNK).map((record) => {
      tally(tx, undefined, record)
      // `seq` is the store's auto-increment key: the row goes in without one.
      const { seq: _unused, ...row } = toRow(record, 0)
      return queued(jobs.add(row as JobRow))
    })).then((keys) => keys.forEach((key, i) => (seqs[from + i] = key)))
    // Awaited below or in the next round; a failure in between is the transaction's, reported there.
    chunk.catch(() => undefined)
    await before
    before = chunk
  }
  await before
  // The first job of a key heads it; an ordered job moved by a debounce may change nothing else.
  const orderingKeys = new Set(toStore.flatMap((record) => record.orderingKey ?? []))
  if (orderingKeys.size) await markHeads(tx, KeyRange, orderingKeys)
  // Keyed by the entry's record: a duplicate of an earlier entry of the batch returns it with its seq.
  const stored = new Map(toStore.map((record, i) => [record, { ...record, seq: seqs[i]! }]))
  return plan.map((result) => ({ ...result, record: stored.get(result.record) ?? result.record }))
}
