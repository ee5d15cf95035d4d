import type { SettledState } from '../job/job-states.js'
import type { Storage } from '../storage/storage.js'
import * as check from '../validate.js'

/**
 * `queue.clean()`: removes settled jobs of the given states that settled at least
 * `olderThan` ms ago, at most `limit` in all; returns how many.
 */
export async function cleanJobs(storage: Storage, options: unknown, now: number, onRemoved: (ids: string[]) => void): Promise<number> {
  const opts = check.object<{ state: unknown; olderThan?: unknown; limit?: unknown }>('options', options)
  const states = check.stateList('state', opts.state, true) as SettledState[]
  const olderThan = opts.olderThan === undefined ? 0 : check.number('olderThan', opts.olderThan)
  let limit = opts.limit === undefined ? Infinity : check.integer('limit', opts.limit, 0)
  let removed = 0
  for (const state of states) {
    const ids = await storage.removeSettled({ state, before: now - olderThan + 1, limit })
    onRemoved(ids)
    removed += ids.length
    limit -= ids.length
  }
  return removed
}
