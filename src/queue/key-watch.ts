import type { JobRecord } from '../job/record.js'
import type { BlockedKey } from '../storage/ordering.js'

/** Where the key watch reports. */
export interface KeyWatchEmit {
  blocked(key: string, record: JobRecord): void
  unblocked(key: string, id: string): void
}

/**
 * Turns what this context sees of jobs (here or in other contexts) into `keyBlocked` and
 * `keyUnblocked` events of ordering keys: a job of a key that failed for good blocks it; the same
 * job seen in another state (retried) or removed unblocks it. Keys blocked before this context
 * looked are learned from storage once, when the first listener subscribes (`seed`).
 */
export function createKeyWatch(emit: KeyWatchEmit) {
  // The id of each blocking job → its key.
  const blocking = new Map<string, string>()
  return {
    /** Learns the keys blocked already, without events: they are no news. */
    seed(keys: BlockedKey[]): void {
      for (const { key, jobId } of keys) if (!blocking.has(jobId)) blocking.set(jobId, key)
    },
    /** A job as this context saw it now. */
    seen(record: JobRecord): void {
      const key = record.orderingKey
      if (key === undefined) return
      if (record.state === 'failed') {
        if (blocking.has(record.id)) return
        blocking.set(record.id, key)
        emit.blocked(key, record)
      } else if (blocking.delete(record.id)) {
        emit.unblocked(key, record.id)
      }
    },
    /** A job was removed. */
    removed(id: string): void {
      const key = blocking.get(id)
      if (key === undefined) return
      blocking.delete(id)
      emit.unblocked(key, id)
    },
  }
}

/** The key watch of one queue. */
export type KeyWatch = ReturnType<typeof createKeyWatch>
