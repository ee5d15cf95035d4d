// Invariant: a unique key of scope 'waiting' never has two jobs running at once. Its scope lets
// a duplicate of a running job be added (keep-latest: the newest data runs next), so the claim
// must hold the waiting one back while the other runs. Checked at every handler call (against
// the runs still going) and in the store after every step (against its `active` jobs).
import type { JobRecord } from '../../src/job/record.js'
import type { Invocation } from './world'

export interface UniqueWatch {
  /** The simulation asked for `id` to be unique under `key` in scope 'waiting' (what a storage that lost the key no longer says). */
  intended(id: string, key: string): void
  /** A claim took `record`: its stored key, if any, is the one to watch. */
  claimed(record: JobRecord): void
  /** A handler started: problems if another run of its key is going. `expired` tells runs taken over after their lease. */
  started(invocation: Invocation, running: readonly Invocation[], expired: (invocation: Invocation) => boolean): string[]
  /** Problems of the whole store at `now`: keys of scope 'waiting' with more than one job active within its lease. */
  check(records: readonly JobRecord[], now: number): string[]
}

export function createUniqueWatch(): UniqueWatch {
  const keys = new Map<string, string>()
  return {
    intended(id, key) {
      keys.set(id, key)
    },
    claimed(record) {
      if (record.uniqueScope === 'waiting' && record.uniqueKey !== undefined) keys.set(record.id, record.uniqueKey)
    },
    started(invocation, running, expired) {
      const key = keys.get(invocation.jobId)
      if (key === undefined || expired(invocation)) return []
      const others = running.filter((other) => other.jobId !== invocation.jobId && keys.get(other.jobId) === key && !expired(other))
      return others.map((other) => `unique key ${key} (scope waiting) runs two jobs at once: ${other.jobId} (inv-${other.n}, ctx ${other.context.index}) and ${invocation.jobId} (inv-${invocation.n}, ctx ${invocation.context.index})`)
    },
    check(records, now) {
      const active = new Map<string, string[]>()
      for (const record of records) {
        if (record.uniqueScope !== 'waiting' || record.uniqueKey === undefined || record.state !== 'active' || (record.leaseUntil ?? 0) < now) continue
        active.set(record.uniqueKey, [...(active.get(record.uniqueKey) ?? []), record.id])
      }
      return [...active].filter(([, ids]) => ids.length > 1).map(([key, ids]) => `unique key ${key} (scope waiting) has ${ids.length} active jobs: ${ids.join(', ')}`)
    },
  }
}
