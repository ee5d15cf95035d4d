/**
 * The counters on IndexedDB: one row in `meta`, read at the start of each writing transaction
 * (so no extra round trip) and written at its end with what the transaction's writes did.
 * IndexedDB serialises transactions over `meta`, and commits or aborts a row with the writes
 * that changed it, so the counters stay exact across tabs, aborts and crashes.
 * @module
 */
import { addDelta, applyDeltas, type CountDeltas, type Counted, type StoredCounts } from '../counters.js'
import type { Tx } from './writes.js'

/** The key of the counters in the `meta` store. */
export const COUNTS = 'counts'

interface Tally {
  stored: Promise<StoredCounts>
  deltas: CountDeltas
}

const tallies = new WeakMap<object, Tally>()

/** Starts counting in a transaction over `jobs` and `meta`: issues the read of the counters now. */
export function openTally(tx: Tx): void {
  const stored = tx.objectStore('meta').get(COUNTS).then((row) => (row as StoredCounts | undefined) ?? {})
  // A failed read is the transaction's failure, which its `done` reports.
  stored.catch(() => undefined)
  tallies.set(tx, { stored, deltas: new Map() })
}

function tallyOf(tx: Tx): Tally {
  const found = tallies.get(tx)
  // A job write in a transaction that does not count would leave the counters wrong for good.
  if (!found) throw new Error('docket: a job write in a transaction without counters (openTally was not called)')
  return found
}

/** Records that this transaction wrote a job from `before` to `after` (absent: no job). */
export function tally(tx: Tx, before: Counted | undefined, after: Counted | undefined): void {
  addDelta(tallyOf(tx).deltas, before, after)
}

/** The counters as this transaction found them, before its own writes. */
export function countsAtStart(tx: Tx): Promise<StoredCounts> {
  return tallyOf(tx).stored
}

/** Writes the counters with this transaction's changes; nothing if no job changed state or queue. */
export async function commitTally(tx: Tx): Promise<void> {
  const { stored, deltas } = tallyOf(tx)
  if (!deltas.size) return
  const { counts, changed } = applyDeltas(await stored, deltas)
  if (changed) void tx.objectStore('meta').put(counts, COUNTS).catch(() => undefined)
}
