/**
 * The one writer of jobs in a transaction. Every job write of every algorithm goes through it,
 * so the derived state that depends on jobs cannot be forgotten by a write site:
 * - the counters of `counts()` (one `meta` row), read when the transaction starts and written
 *   once at its end with what its writes moved;
 * - the heads of ordering keys (`keyHead`, see `JobRow`), marked for every key a write touched.
 * @module
 */
import type { JobRecord } from '../../job/record.js'
import { addDelta, applyDeltas, type CountDeltas, type StoredCounts } from '../counters.js'
import { touchesKey } from '../ordering.js'
import { fromRow, toRow, type JobRow } from './job-row.js'
import type { TableTx } from './table.js'

/** The key of the counters row in `meta`. */
export const COUNTS = 'counts'

/** The job writer of one transaction. */
export interface JobWriter {
  readonly tx: TableTx
  /** The counters as the transaction found them, before its own writes. */
  countsAtStart(): Promise<StoredCounts>
  /** Stores a new job; resolves to its row (with its `seq`). */
  add(record: JobRecord): Promise<JobRow>
  /** Replaces the stored `before` with `after`; returns the row written. */
  put(before: JobRow, after: JobRecord): JobRow
  /** Deletes a stored job and its logs. */
  delete(before: JobRow): void
  /** Marks the head of every key touched since the last call; returns the rows newly marked. */
  markHeads(): Promise<JobRow[]>
  /** Marks the last heads and writes the counters: the end of every writing transaction. */
  finish(): Promise<void>
}

/** Opens the writer of `tx`: issues the read of the counters at once (no extra round trip). */
export function openWriter(tx: TableTx): JobWriter {
  const stored = tx.getMeta<StoredCounts>(COUNTS).then((row) => row ?? {})
  // A failed read is the transaction's failure, which `Table.write` reports.
  stored.catch(() => undefined)
  const deltas: CountDeltas = new Map()
  const touched = new Set<string>()

  function record(before: JobRow | undefined, after: JobRecord | undefined): void {
    addDelta(deltas, before, after)
    if (!touchesKey(before, after)) return
    if (before?.orderingKey !== undefined) touched.add(before.orderingKey)
    if (after?.orderingKey !== undefined) touched.add(after.orderingKey)
  }

  async function markHeads(): Promise<JobRow[]> {
    if (!touched.size) return []
    const keys = [...touched]
    touched.clear()
    const heads = await Promise.all(keys.map((key) => tx.range('ordering', { prefix: [key] }, { limit: 1 })))
    const marked: JobRow[] = []
    for (const [head] of heads) {
      if (!head || head.keyHead || (head.state !== 'waiting' && head.state !== 'delayed')) continue
      const row = toRow(fromRow(head), head.seq, true)
      tx.put(row)
      marked.push(row)
    }
    return marked
  }

  return {
    tx,
    countsAtStart: () => stored,
    async add(job) {
      record(undefined, job)
      const { seq: _none, ...row } = toRow(job, 0)
      const seq = await tx.add(row)
      return { ...row, seq } as JobRow
    },
    put(before, after) {
      record(before, after)
      const row = toRow(after, before.seq, before.keyHead === true)
      tx.put(row)
      return row
    },
    delete(before) {
      record(before, undefined)
      tx.delete(before.seq)
      tx.deleteLogs(before.id)
    },
    markHeads,
    async finish() {
      await markHeads()
      if (!deltas.size) return
      const { counts, changed } = applyDeltas(await stored, deltas)
      if (changed) tx.putMeta(COUNTS, counts)
    },
  }
}
