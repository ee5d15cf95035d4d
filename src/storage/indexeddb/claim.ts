import { claim as claimTransition } from '../../job/transitions.js'
import { createClaimPolicy } from '../claim-policy.js'
import { prefix } from './reads.js'
import { toRow, type JobRow } from './schema.js'
import { cascadeInTransaction, deleteLogs, queued, readForUpdates, readLogOwners, writeLogs, writeUpdates, type Tx } from './writes.js'
import { withCascaded } from '../dependency-cascade.js'
import { compareReady } from '../claim-order.js'
import { nextRunAt, promoteDue } from '../promotion.js'
import type { ClaimRequest, ClaimResult, LogRow, Update } from '../storage.js'
import { noPause, type PauseState } from '../pause.js'
import { keysTouched, mayStart } from '../ordering.js'
import { createPace, noPace, type PaceState } from '../pace.js'
import { markHeads, readKeyStates } from './ordering-heads.js'
import { countsAtStart, tally } from './tally.js'

/** The key of the stored pace (rate-limit starts and holds of named queues) in the `meta` store. */
export const PACE = 'pace'

/** The key of the stored pause state in the `meta` store. */
export const PAUSED = 'paused'

/** The stored pause state, read in the given transaction. */
export async function readPause(meta: { get(key: string): Promise<unknown> }): Promise<PauseState> {
  return ((await meta.get(PAUSED)) as PauseState | undefined) ?? noPause()
}

/**
 * The claim, in one transaction and, as a rule, one round trip: every read is issued at once
 * (the owners of log rows to append, the jobs to settle, the pause state, due and next delayed jobs, the first page of waiting
 * jobs in claim order, the counters that give the active jobs of limited queues), then the settles are written and
 * the claim is decided in JavaScript. The page of waiting jobs was read before the writes, so
 * jobs that this transaction made waiting (due delayed ones, settles that retry at once) join
 * it as extra candidates, but only those that rank within the page: a job ranked after its
 * last row waits for the next page, which keeps the claim order exact.
 */
export async function claimInTransaction(tx: Tx, KeyRange: typeof IDBKeyRange, request: ClaimRequest, updates: Update[], logs: LogRow[]): Promise<ClaimResult> {
  const jobs = tx.objectStore('jobs')
  const timeline = jobs.index('timeline')
  // Only waiting jobs that are not ordered or head their key: a key's followers are not read.
  const ready = jobs.index('runnable')
  const claiming = request.limit > 0
  const limited = claiming ? Object.keys(request.queueLimits) : []
  const chunk = Math.max(16, request.limit * 2)
  const meta = tx.objectStore('meta')
  const [owners, current, pause, storedPace, due, future, first, counts] = await Promise.all([
    readLogOwners(tx, logs),
    readForUpdates(tx, updates),
    readPause(meta),
    meta.get(PACE).then((value) => (value as PaceState | undefined) ?? noPace()),
    timeline.getAll(KeyRange.bound(['delayed'], ['delayed', request.now])),
    timeline.getAll(KeyRange.bound(['delayed', request.now], prefix('delayed')[1], true), 1),
    claiming ? ready.getAll(KeyRange.bound(...prefix('waiting')), chunk) : Promise.resolve([]),
    countsAtStart(tx),
  ])
  // Before the settles: a job removed by one of them takes these rows with its other logs.
  writeLogs(tx, logs, owners)
  const { results: updated, removed } = writeUpdates(tx, updates, current)
  if (removed.length) await deleteLogs(tx, removed)
  // Flows: dependents released by these settles join the candidates below.
  await cascadeInTransaction(tx, updated, request.now)
  // What this transaction made of a row read before its writes (undefined: deleted).
  const latest = (row: JobRow): JobRow | undefined => (current.has(row.id) ? current.get(row.id) : row)

  const extras = new Map<string, JobRow>()
  for (const made of promoteDue(due.map(latest), request.now)) {
    const promoted = toRow(made, made.seq)
    tally(tx, { queue: made.queue, state: 'delayed' }, promoted)
    void queued(jobs.put(promoted))
    current.set(promoted.id, promoted)
    extras.set(promoted.id, promoted)
  }
  for (const update of withCascaded(updated)) if (update.after && update.after.state === 'waiting') extras.set(update.id, update.after as JobRow)
  // A key whose head settled, was removed or changed by a cascade, gets its next job as head: a candidate at once.
  const touched = keysTouched(withCascaded(updated))
  for (const head of touched.size ? await markHeads(tx, KeyRange, touched) : []) {
    current.set(head.id, head)
    if (head.state === 'waiting') extras.set(head.id, head)
  }
  const pace = createPace(storedPace, request.now, request.rateLimits, request.holds)

  const claimed: JobRow[] = []
  let more = false
  let paceWakeAt: number | undefined
  if (claiming && !pause.all) {
    const policy = createClaimPolicy(request, pause, pace)
    // The counts were read before the settles above: a job that left `active` frees its slot.
    const freed = new Map<string, number>()
    for (const { before, after } of updated) {
      if (before?.state === 'active' && after !== undefined && after?.state !== 'active') freed.set(before.queue, (freed.get(before.queue) ?? 0) + 1)
    }
    for (const queue of limited) policy.setCount(queue, Math.max(0, (counts[queue]?.active ?? 0) - (freed.get(queue) ?? 0)))
    let pending = [...extras.values()].sort(compareReady)
    for (let page: JobRow[] = first; ;) {
      const full = page.length === chunk
      const last = page[page.length - 1]
      const fromPage = page.map(latest).filter((row): row is JobRow => row?.state === 'waiting' && !extras.has(row.id))
      const cut = full && last ? pending.findIndex((extra) => compareReady(extra, last) > 0) : -1
      const candidates = [...fromPage, ...(cut < 0 ? pending : pending.slice(0, cut))].sort(compareReady)
      pending = cut < 0 ? [] : pending.slice(cut)
      // Read after this transaction's writes (its claims of earlier pages among them).
      const keys = await readKeyStates(tx, KeyRange, new Set(candidates.flatMap((row) => row.orderingKey ?? [])))
      for (const [i, row] of candidates.entries()) {
        const key = row.orderingKey === undefined ? undefined : keys.get(row.orderingKey)
        if (!policy.accept(row, key && mayStart(row, key.head, key.running))) continue
        const next = toRow(claimTransition(row, request.now, request.owner, request.token(), request.leaseMs), row.seq)
        tally(tx, row, next)
        void queued(jobs.put(next))
        current.set(row.id, next)
        claimed.push(next)
        if (policy.full) {
          more = i < candidates.length - 1 || full || pending.length > 0
          break
        }
      }
      if (policy.full || !full || !last) break
      page = await ready.getAll(KeyRange.bound(['waiting', last.rank, last.runAt, last.seq], prefix('waiting')[1], true), chunk)
    }
    paceWakeAt = policy.paceWakeAt
  }
  const { state: paceState, changed } = pace.next()
  if (changed) void queued(meta.put(paceState, PACE))
  // The earliest delayed job not due was read before the writes; settles may add earlier retries.
  const delayed = nextRunAt([future[0], ...withCascaded(updated).map((update) => update.after)])
  const next = delayed === undefined || (paceWakeAt !== undefined && paceWakeAt < delayed) ? paceWakeAt : delayed
  return { claimed, updated, more, ...(next !== undefined ? { nextRunAt: next } : {}) }
}
