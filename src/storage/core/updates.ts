/**
 * Fenced updates and what cascades from them (flows), written once over the table port.
 * @module
 */
import type { JobRecord } from '../../job/record.js'
import { cascadeLevel, cascadeTriggers } from '../dependency-cascade.js'
import { applyFenced } from '../fence.js'
import type { LogRow, Update, UpdateResult } from '../storage.js'
import { fromRow, type JobRow } from './job-row.js'
import type { JobWriter } from './job-writer.js'
import type { TableTx } from './table.js'

/** Each job's latest row in a transaction (undefined: none, or deleted by it), by id. */
export type Current = Map<string, JobRow | undefined>

/**
 * Issues the reads of the jobs that `updates` touch, all at once: by `seq` where the update
 * knows it (one lookup instead of the `id` index's two), else by id. A row found at a `seq` is
 * the job only if its id matches; otherwise (removed, perhaps added again) the id is read.
 */
export async function readForUpdates(tx: TableTx, updates: readonly Update[]): Promise<Current> {
  const seqs = new Map<string, number | undefined>()
  for (const { id, seq } of updates) if (!seqs.has(id) || seqs.get(id) === undefined) seqs.set(id, seq)
  const read = (id: string, seq: number | undefined): Promise<JobRow | undefined> =>
    seq === undefined ? tx.byId(id) : tx.bySeq(seq).then((row) => (row?.id === id ? row : tx.byId(id)))
  const ids = [...seqs.keys()]
  const rows = await Promise.all(ids.map((id) => read(id, seqs.get(id))))
  return new Map(ids.map((id, i) => [id, rows[i]]))
}

/** A result as callers see it: records, not rows. */
export function published(result: UpdateResult): UpdateResult {
  const { before, after, cascaded } = result
  return {
    id: result.id,
    ...(before ? { before: fromRow(before as JobRow) } : {}),
    ...(after !== undefined ? { after: after && fromRow(after as JobRow) } : {}),
    ...(cascaded ? { cascaded: cascaded.map(published) } : {}),
  }
}

/**
 * Applies updates in order on the rows read, fenced by token; several updates of one job see
 * each other's result. `current` is left holding every job's latest row.
 */
export function writeUpdates(writer: JobWriter, updates: readonly Update[], current: Current): UpdateResult[] {
  return updates.map((update) => {
    const before = current.get(update.id)
    const result = applyFenced(update, before && fromRow(before))
    if (!before || result.after === undefined) return { ...result, ...(before ? { before } : {}) }
    if (result.after === null) {
      writer.delete(before)
      current.set(update.id, undefined)
      return { id: update.id, before, after: null }
    }
    const row = writer.put(before, result.after)
    current.set(update.id, row)
    return { id: update.id, before, after: row }
  })
}

/**
 * Flows: what `results` did to jobs with dependents reaches those dependents in this same
 * transaction, down the chain, one round of reads per level; each change lands in its origin's
 * `cascaded`. Dependents are read through the multiEntry index `dependsOn`, never a scan.
 */
export async function cascade(writer: JobWriter, results: UpdateResult[], now: number): Promise<void> {
  const latest = new Map<string, JobRow>()
  for (let level = cascadeTriggers(results); level.length;) {
    const dependents = await Promise.all(level.map((trigger) => writer.tx.range('dependsOn', { prefix: [trigger.record.id] })))
    const { writes, befores, next } = cascadeLevel(level, dependents, latest, now)
    // Each `before` is a row as read, or as this cascade wrote it (`latest` holds written rows).
    for (const [i, after] of writes.entries()) latest.set(after.id, writer.put(befores[i]!, after as JobRecord))
    level = next
  }
}

/** Updates, with what cascades from them, in the writer's transaction; results as records. */
export async function applyUpdates(writer: JobWriter, updates: readonly Update[], now: number): Promise<UpdateResult[]> {
  if (!updates.length) return []
  const results = writeUpdates(writer, updates, await readForUpdates(writer.tx, updates))
  await cascade(writer, results, now)
  return results.map(published)
}

/** Appends the log rows whose job exists (a job removed while it ran keeps no logs), read in the transaction. */
export async function appendLogs(tx: TableTx, rows: readonly LogRow[]): Promise<void> {
  const owners = await Promise.all(rows.map((row) => tx.byId(row.id)))
  rows.forEach((row, i) => {
    if (owners[i]) tx.addLog(row)
  })
}
