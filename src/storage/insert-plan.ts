import type { JobRecord } from '../job/record.js'
import { blocksDuplicate, replaceDuplicate } from '../job/unique.js'
import type { InsertEntry, InsertResult } from './storage.js'

/**
 * What a duplicate did to the existing job: `kept` it as it was, `replaced` its data, or `moved` it (data and `runAt`).
 * @example queue.on('duplicate', ({ job, action }) => action === 'moved' && console.log(`${job.id} now runs at ${job.runAt}`))
 */
export type DuplicateAction = 'kept' | 'replaced' | 'moved'

/** What the insert plan needs to know of the stored jobs, read in the insert's transaction. */
export interface StoredJobs {
  /** The stored job with this id, if any. */
  byId(id: string): JobRecord | undefined
  /** The stored jobs with this unique key, in insertion order. */
  byUniqueKey(key: string): readonly JobRecord[]
}

/**
 * Decides a batch insert, entry by entry: a caller id that exists (stored, or earlier in the
 * batch) returns that job as `duplicate: 'id'`; a unique key blocked by a job of its scope
 * (stored, or earlier in the batch) returns the blocker as `duplicate: 'unique'`, with the new
 * data when the entry's `onDuplicate` changed it (`action`; the storage writes such a stored
 * blocker back); any other entry is to be stored, `duplicate: false` with the entry's own
 * record. Pure: the storage writes the records to store, all or none.
 */
export function planInsert(entries: readonly InsertEntry[], stored: StoredJobs): InsertResult[] {
  const staged = new Map<string, JobRecord>()
  // Jobs of this batch by unique key: a duplicate inside the batch is found without rescanning it.
  const stagedByKey = new Map<string, JobRecord[]>()
  // The latest version of each blocker changed by this batch, by id.
  const changed = new Map<string, JobRecord>()
  const results = entries.map(({ record, checkId, onDuplicate }): InsertResult => {
    const sameId = checkId ? (staged.get(record.id) ?? stored.byId(record.id)) : undefined
    if (sameId) return { record: changed.get(sameId.id) ?? sameId, duplicate: 'id' }
    const { uniqueKey, uniqueScope } = record
    if (uniqueKey !== undefined && uniqueScope !== undefined) {
      const candidates = [...stored.byUniqueKey(uniqueKey), ...(stagedByKey.get(uniqueKey) ?? [])].map((job) => changed.get(job.id) ?? job)
      const blocker = candidates.find((job) => blocksDuplicate(job, uniqueScope))
      if (blocker) {
        const how = onDuplicate ?? 'ignore'
        const next = replaceDuplicate(blocker, record, how, record.createdAt)
        if (!next) return { record: blocker, duplicate: 'unique', action: 'kept' }
        changed.set(next.id, next)
        return { record: next, duplicate: 'unique', action: how === 'debounce' ? 'moved' : 'replaced' }
      }
    }
    staged.set(record.id, record)
    if (uniqueKey !== undefined) {
      const sameKey = stagedByKey.get(uniqueKey)
      if (sameKey) sameKey.push(record)
      else stagedByKey.set(uniqueKey, [record])
    }
    return { record, duplicate: false }
  })
  // Every result of a changed job shows its latest version, which a job new in the batch is stored as.
  return results.map((result) => (changed.has(result.record.id) ? { ...result, record: changed.get(result.record.id)! } : result))
}

/** The stored jobs that the plan changed (blockers replaced or moved, not new in the batch): the storage writes them back. */
export function changedBlockers(plan: readonly InsertResult[]): JobRecord[] {
  const latest = new Map<string, JobRecord>()
  const fresh = new Set(plan.filter((result) => result.duplicate === false).map((result) => result.record.id))
  for (const result of plan) if (result.action === 'replaced' || result.action === 'moved') latest.set(result.record.id, result.record)
  return [...latest.values()].filter((record) => !fresh.has(record.id))
}
