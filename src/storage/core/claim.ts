/**
 * The claim, written once: in one transaction and, as a rule, one round of reads. Every read is
 * issued at once (owners of log rows, the jobs to settle, pause, pace, due and next delayed
 * jobs, the first page of `runnable` in claim order, the counters); then the settles are
 * written and the claim is decided. The page was read before the writes, so jobs this
 * transaction made waiting (due delayed ones, retries at once, released dependents, new heads)
 * join it as extra candidates, but only those that rank within the page: a job ranked after
 * its last row waits for the next page, which keeps the claim order exact.
 * @module
 */
import { isExpired } from '../../job/job-states.js'
import { claimAhead, claim as claimTransition, expire } from '../../job/transitions.js'
import { activeOrHeld } from '../counters.js'
import { createClaimPolicy } from '../claim-policy.js'
import { compareReady } from '../claim-order.js'
import { withCascaded } from '../dependency-cascade.js'
import { createPace, noPace, type PaceState } from '../pace.js'
import { noPause, type PauseState } from '../pause.js'
import { isDueDelayed, nextRunAt } from '../promotion.js'
import type { ClaimRequest, ClaimResult, LogRow, Update, UpdateResult } from '../storage.js'
import { fromRow, type JobRow } from './job-row.js'
import type { JobWriter } from './job-writer.js'
import { appendLogs, cascade, published, readForUpdates, writeUpdates } from './updates.js'
import { readStarters } from './starters.js'

/** The key of the stored pace (rate-limit starts and holds of named queues) in `meta`. */
export const PACE = 'pace'

/** The key of the stored pause state in `meta`. */
export const PAUSED = 'paused'

export async function claimJobs(writer: JobWriter, request: ClaimRequest, updates: readonly Update[], logs: readonly LogRow[]): Promise<ClaimResult> {
  const { tx } = writer
  const claiming = request.limit > 0
  const chunk = Math.max(16, request.limit * 2)
  const [current, pause, storedPace, due, future, first, counts] = await Promise.all([
    readForUpdates(tx, updates),
    tx.getMeta<PauseState>(PAUSED).then((value) => value ?? noPause()),
    tx.getMeta<PaceState>(PACE).then((value) => value ?? noPace()),
    tx.range('timeline', { prefix: ['delayed'], upTo: [request.now] }),
    tx.range('timeline', { prefix: ['delayed'], after: [request.now] }, { limit: 1 }),
    claiming ? tx.range('runnable', { prefix: ['waiting'] }, { limit: chunk }) : Promise.resolve([]),
    writer.countsAtStart(),
    // Before the settles: a job removed by one of them takes these rows with its other logs.
    appendLogs(tx, logs),
  ])
  const updated = writeUpdates(writer, updates, current)
  await cascade(writer, updated, request.now)
  // What this transaction made of a row read before its writes (undefined: deleted).
  const latest = (row: JobRow): JobRow | undefined => (current.has(row.id) ? current.get(row.id) : row)

  const extras = new Map<string, JobRow>()
  for (const read of due) {
    const stored = latest(read)
    if (!stored || !isDueDelayed(stored, request.now)) continue
    const row = writer.put(stored, { ...fromRow(stored), state: 'waiting' })
    current.set(row.id, row)
    extras.set(row.id, row)
  }
  for (const change of withCascaded(updated)) {
    const after = change.after as JobRow | null | undefined
    if (after?.state === 'waiting') {
      current.set(after.id, after)
      extras.set(after.id, after)
    }
  }
  // A key whose head moved gets its next job marked: a candidate at once.
  for (const head of await writer.markHeads()) {
    current.set(head.id, head)
    if (head.state === 'waiting') extras.set(head.id, head)
  }
  const pace = createPace(storedPace, request.now, request.rateLimits, request.holds)

  const claimed: JobRow[] = []
  const expired: UpdateResult[] = []
  let more = false
  let paceWakeAt: number | undefined
  if (claiming && !pause.all) {
    const policy = createClaimPolicy(request, pause, pace)
    // The counts were read before the settles above: a job that left `active` frees its slot.
    const freed = new Map<string, number>()
    for (const { before, after } of updated) {
      if (before?.state === 'active' && after !== undefined && after?.state !== 'active') freed.set(before.queue, (freed.get(before.queue) ?? 0) + 1)
    }
    for (const queue of Object.keys(request.queueLimits)) policy.setCount(queue, Math.max(0, activeOrHeld(counts, queue) - (freed.get(queue) ?? 0)))
    let pending = [...extras.values()].sort(compareReady)
    for (let page: JobRow[] = first; ;) {
      const full = page.length === chunk
      const last = page[page.length - 1]
      const fromPage = page.map(latest).filter((row): row is JobRow => row?.state === 'waiting' && !extras.has(row.id))
      const cut = full && last ? pending.findIndex((extra) => compareReady(extra, last) > 0) : -1
      const candidates = [...fromPage, ...(cut < 0 ? pending : pending.slice(0, cut))].sort(compareReady)
      pending = cut < 0 ? [] : pending.slice(cut)
      // Read after this transaction's writes (its claims of earlier pages among them).
      const starters = await readStarters(tx, candidates)
      for (const [i, row] of candidates.entries()) {
        // Past its ttl: failed here, in the claim's transaction, so that no context starts it.
        if (isExpired(row, request.now)) {
          const failed = writer.put(row, expire(fromRow(row), request.now))
          current.set(row.id, failed)
          expired.push({ id: row.id, before: row, after: failed })
          continue
        }
        if (!starters.mayStart(row) || !policy.accept(row)) continue
        // The first `start` jobs start at once; the rest are claimed ahead, held by their owner.
        const take = claimed.length < (request.start ?? request.limit) ? claimTransition : claimAhead
        const next = writer.put(row, take(fromRow(row), request.now, request.owner, request.token(), request.leaseMs))
        starters.started(next)
        current.set(row.id, next)
        claimed.push(next)
        if (policy.full) {
          more = i < candidates.length - 1 || full || pending.length > 0
          break
        }
      }
      if (policy.full || !full || !last) break
      page = await tx.range('runnable', { prefix: ['waiting'], after: [last.rank, last.runAt, last.seq] }, { limit: chunk })
    }
    paceWakeAt = policy.paceWakeAt
  }
  // Their dependents fail (or go on) as after any failure; what they release is claimed next.
  await cascade(writer, expired, request.now)
  const { state: paceState, changed } = pace.next()
  if (changed) tx.putMeta(PACE, paceState)
  // The earliest delayed job not due was read before the writes; settles may add earlier retries.
  const delayed = nextRunAt([future[0], ...withCascaded(updated).map((update) => update.after)])
  const next = delayed === undefined || (paceWakeAt !== undefined && paceWakeAt < delayed) ? paceWakeAt : delayed
  return {
    claimed: claimed.map(fromRow), updated: updated.map(published), more: more || expired.length > 0,
    ...(expired.length ? { expired: expired.map(published) } : {}), ...(next !== undefined ? { nextRunAt: next } : {}),
  }
}
