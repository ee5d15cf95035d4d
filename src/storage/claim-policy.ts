import type { JobRecord } from '../job/record.js'
import { isPaused, type PauseState } from './pause.js'
import { type ClaimRequest } from './storage.js'

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
  /** Whether to claim this record; counts it against its queue's limit if so. */
  accept(record: JobRecord): boolean
  /** Whether nothing more can be claimed. */
  readonly full: boolean
}

/** A policy for one claim. */
export function createClaimPolicy(request: ClaimRequest, pause: PauseState): ClaimPolicy {
  const active = new Map<string, number>()
  let taken = 0
  return {
    needsCount({ queue }) {
      return request.queueLimits[queue] !== undefined && !active.has(queue) ? queue : undefined
    },
    setCount(queue, count) {
      active.set(queue, count)
    },
    accept(record) {
      if (taken >= request.limit) return false
      if (isPaused(pause, record.queue)) return false
      if (record.requiresNetwork && !request.online) return false
      const limit = request.queueLimits[record.queue]
      if (limit !== undefined) {
        const count = active.get(record.queue) ?? 0
        if (count >= limit) return false
        active.set(record.queue, count + 1)
      }
      taken++
      return true
    },
    get full() {
      return taken >= request.limit
    },
  }
}
