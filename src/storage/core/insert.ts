/**
 * The insert, written once: every id to check and every unique key is read at once (each once,
 * however many entries share it), the pure insert plan decides the batch, then the jobs to store
 * are added through the writer.
 * @module
 */
import { changedBlockers, planInsert } from '../insert-plan.js'
import type { InsertEntry, InsertResult } from '../storage.js'
import { fromRow, type JobRow } from './job-row.js'
import type { JobWriter } from './job-writer.js'

/** How many adds one task issues; the transaction stays open between chunks (a request is pending). */
const ADD_CHUNK = 200

export async function insertJobs(writer: JobWriter, entries: readonly InsertEntry[]): Promise<InsertResult[]> {
  const { tx } = writer
  const ids = [...new Set(entries.filter((entry) => entry.checkId).map((entry) => entry.record.id))]
  const keys = [...new Set(entries.flatMap((entry) => entry.record.uniqueKey ?? []))]
  const [idRows, keyRows] = await Promise.all([
    Promise.all(ids.map((id) => tx.byId(id))),
    Promise.all(keys.map((key) => tx.range('unique', { prefix: [key] }))),
  ])
  const byId = new Map(ids.map((id, i) => [id, idRows[i] && fromRow(idRows[i])]))
  const byKey = new Map(keys.map((key, i) => [key, (keyRows[i] ?? []).map(fromRow)]))
  const plan = planInsert(entries, { byId: (id) => byId.get(id), byUniqueKey: (key) => byKey.get(key) ?? [] })
  const toStore = plan.filter((result) => !result.duplicate).map((result) => result.record)
  // A replaced or moved blocker is written back under its own seq.
  const blockers = new Map(keyRows.flat().map((row) => [row.id, row]))
  const rewritten = new Map<string, JobRow>()
  for (const record of changedBlockers(plan)) rewritten.set(record.id, writer.put(blockers.get(record.id)!, record))
  const stored: JobRow[] = []
  // Each add may clone its row on the calling thread (IndexedDB: ≈ 0.08 ms a job in Chromium):
  // a large batch is issued a chunk per task, so a 10,000-job addBulk holds the thread ≈ 30 ms
  // at a time rather than 0.8 s. The next chunk is issued once the one before the last is
  // done, so the backend always has a chunk queued and never waits for the page.
  let before: Promise<unknown> = Promise.resolve()
  for (let from = 0; from < toStore.length; from += ADD_CHUNK) {
    const chunk = Promise.all(toStore.slice(from, from + ADD_CHUNK).map((record) => writer.add(record)))
      .then((rows) => rows.forEach((row, i) => (stored[from + i] = row)))
    // Awaited below or in the next round; a failure in between is the transaction's, reported there.
    chunk.catch(() => undefined)
    await before
    before = chunk
  }
  await before
  // Keyed by the entry's record: a duplicate of an earlier entry of the batch returns it with its seq.
  const byRecord = new Map(toStore.map((record, i) => [record, stored[i]!]))
  return plan.map((result) => {
    const row = byRecord.get(result.record) ?? rewritten.get(result.record.id)
    return { ...result, record: row ? fromRow(row) : fromRow(result.record as JobRow) }
  })
}
