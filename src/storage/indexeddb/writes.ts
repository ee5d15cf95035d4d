import type { IDBPTransaction, StoreNames } from 'idb'
import { refuseUnstorableBlobs } from './blob-support.js'
import { toRow, type DocketDB, type JobRow } from './schema.js'
import { applyFenced } from '../fence.js'
import { cascadeLevel, cascadeTriggers, withCascaded } from '../dependency-cascade.js'
import type { LogRow, Update, UpdateResult } from '../storage.js'
import { keysTouched } from '../ordering.js'
import { markHeads } from './ordering-heads.js'
import { tally } from './tally.js'

/** A readwrite transaction over some of docket's stores. */
export type Tx = IDBPTransaction<DocketDB, StoreNames<DocketDB>[], 'readwrite'>

/**
 * A request whose failure the transaction reports (`write` rethrows it): once the transaction
 * aborts, every pending request rejects too, and those rejections must not go unhandled.
 */
export function queued<T>(request: Promise<T>): Promise<T> {
  request.catch(() => undefined)
  return request
}

/** Deletes the log rows of removed jobs. */
export async function deleteLogs(tx: Tx, ids: string[]): Promise<void> {
  const logs = tx.objectStore('logs')
  const keys = await Promise.all(ids.map((id) => logs.index('id').getAllKeys(id)))
  await Promise.all(keys.flat().map((k) => logs.delete(k)))
}

/**
 * Issues the reads of the jobs that `updates` touch (one per job, all at once): by primary key
 * where the update knows the job's `seq` (one B-tree lookup instead of the index's two), else
 * through the `id` index. A row found at a `seq` is the job only if its id matches; otherwise
 * (the job was removed, perhaps added again under a new seq) the index is read after all.
 */
export async function readForUpdates(tx: Tx, updates: Update[]): Promise<Map<string, JobRow | undefined>> {
  const seqs = new Map<string, number | undefined>()
  for (const { id, seq } of updates) if (!seqs.has(id) || seqs.get(id) === undefined) seqs.set(id, seq)
  const jobs = tx.objectStore('jobs')
  const index = jobs.index('id')
  const read = (id: string, seq: number | undefined): Promise<JobRow | undefined> =>
    seq === undefined ? index.get(id) : jobs.get(seq).then((row) => (row?.id === id ? row : index.get(id)))
  const ids = [...seqs.keys()]
  const rows = await Promise.all(ids.map((id) => read(id, seqs.get(id))))
  return new Map(ids.map((id, i) => [id, rows[i]]))
}

/**
 * Applies updates in order on rows already read, fenced by token; several updates of one job
 * see each other's result. `current` is left holding every job's latest row (undefined: deleted).
 */
export function writeUpdates(tx: Tx, updates: Update[], current: Map<string, JobRow | undefined>): { results: UpdateResult[]; removed: string[] } {
  const jobs = tx.objectStore('jobs')
  const results: UpdateResult[] = []
  const removed: string[] = []
  for (const update of updates) {
    const before = current.get(update.id)
    const result = applyFenced(update, before)
    const { after } = result
    if (!before || after === undefined) {
      results.push(result)
    } else if (after === null) {
      tally(tx, before, undefined)
      void queued(jobs.delete(before.seq))
      removed.push(update.id)
      current.set(update.id, undefined)
      results.push(result)
    } else {
      const row = toRow(after, before.seq)
      tally(tx, before, row)
      void queued(jobs.put(row))
      current.set(update.id, row)
      results.push({ ...result, after: row })
    }
  }
  return { results, removed }
}

/**
 * Flows: what `results` did to jobs with dependents reaches those dependents in this same
 * transaction, down the chain, one round trip per level; each change lands in its origin's
 * `cascaded`. Dependents are found through the multiEntry index `dependsOn`, never a scan,
 * and only for jobs that have dependents: other writes cost nothing here.
 */
export async function cascadeInTransaction(tx: Tx, results: UpdateResult[], now: number): Promise<void> {
  let level = cascadeTriggers(results)
  if (!level.length) return
  const jobs = tx.objectStore('jobs')
  const latest = new Map<string, JobRow>()
  while (level.length) {
    const dependents = await Promise.all(level.map((trigger) => jobs.index('dependsOn').getAll(trigger.record.id)))
    const { writes, befores, next } = cascadeLevel(level, dependents, latest, now)
    for (const [i, row] of writes.entries()) {
      tally(tx, befores[i], row)
      void queued(jobs.put(toRow(row, row.seq)))
    }
    level = next
  }
}

/**
 * Reads, then applies, updates in one transaction, with what cascades from them to dependents
 * (flows); a key whose head left it, or whose job a cascade changed, gets its next head.
 */
export async function applyUpdates(tx: Tx, KeyRange: typeof IDBKeyRange, updates: Update[], now = Date.now()): Promise<UpdateResult[]> {
  if (!updates.length) return []
  const { results, removed } = writeUpdates(tx, updates, await readForUpdates(tx, updates))
  await cascadeInTransaction(tx, results, now)
  const keys = keysTouched(withCascaded(results))
  await Promise.all([removed.length ? deleteLogs(tx, removed) : undefined, keys.size ? markHeads(tx, KeyRange, keys) : undefined])
  return results
}

/** Issues the reads that tell which jobs of `rows` still exist (one index count each). */
export function readLogOwners(tx: Tx, rows: LogRow[]): Promise<number[]> {
  const ids = tx.objectStore('jobs').index('id')
  return Promise.all(rows.map((row) => ids.count(row.id)))
}

/** Appends the rows whose job exists: a job removed while it ran keeps no logs, which no retention would remove. */
export function writeLogs(tx: Tx, rows: LogRow[], owners: number[]): void {
  const logs = tx.objectStore('logs')
  for (const { id, row } of rows) refuseUnstorableBlobs(row, `a log row of job ${id}`)
  rows.forEach(({ id, at, row }, i) => {
    if (owners[i]) void queued(logs.add({ id, at, row }))
  })
}
