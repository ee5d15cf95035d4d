import { own } from '../dictionary.js'
import type { JobRecord } from '../job/record.js'
import { isPaused, type PauseState } from './pause.js'
import { type ClaimRequest } from './storage.js'
import type { Pace } from './pace.js'

/**
 * Decides, record by record in claim order, which due jobs one claim may take: not of a
 * paused queue, not needing a network that is down, not past its queue's limit of active
 * jobs. Storages feed it the live active count of each limited queue, read inside the claim's
 * own transaction, so the limit holds across contexts.
 */
export interface ClaimPolicy {
  /** The queue whose active count must be read before `accept` can decide, if any. */
  needsCount(record: JobRecord): string | undefined
  /** The active jobs of `queue`, as read in the claim's own transaction. */
  setCount(queue: string, active: number): void
  /**
   * Whether to claim this record; counts it against its queue's limit and rate if so.
   * `ordered`: for a job of an ordering key, whether it may start (it heads its key, none of
   * the key runs and none was taken by this claim), as the storage read it in the transaction.
   */
  accept(record: JobRecord, ordered?: boolean): boolean
  /** The earliest time a job refused by a rate limit or a hold may start, if one was. */
  readonly paceWakeAt: number | undefined
  /** Whether nothing more can be claimed. */
  readonly full: boolean
}

/** A policy for one claim. */
export function createClaimPolicy(request: ClaimRequest, pause: PauseState, pace?: Pace): ClaimPolicy {
  const active = new Map<string, number>()
  const keysTaken = new Set<string>()
  let taken = 0
  let paceWakeAt: number | undefined
  return {
    needsCount({ queue }) {
      return own(request.queueLimits, queue) !== undefined && !active.has(queue) ? queue : undefined
    },
    setCount(queue, count) {
      active.set(queue, count)
    },
    accept(record, ordered = true) {
      if (taken >= request.limit) return false
      if (isPaused(pause, record.queue)) return false
      if (record.requiresNetwork && !request.online) return false
      if (record.orderingKey !== undefined && (!ordered || keysTaken.has(record.orderingKey))) return false
      const openAt = pace?.openAt(record.queue) ?? 0
      if (openAt > request.now) {
        paceWakeAt = Math.min(paceWakeAt ?? openAt, openAt)
        return false
      }
      const limit = own(request.queueLimits, record.queue)
      if (limit !== undefined) {
        const count = active.get(record.queue) ?? 0
        if (count >= limit) return false
        active.set(record.queue, count + 1)
      }
      pace?.take(record.queue)
      if (record.orderingKey !== undefined) keysTaken.add(record.orderingKey)
      taken++
      return true
    },
    get paceWakeAt() {
      return paceWakeAt
    },
    get full() {
      return taken >= request.limit
    },
  }
}
