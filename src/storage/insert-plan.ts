import type { JobRecord } from '../job/record.js'
import { blocksDuplicate } from '../job/unique.js'
import type { InsertEntry, InsertResult } from './storage.js'

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
 * (stored, or earlier in the batch) returns the blocker as `duplicate: 'unique'`; any other
 * entry is to be stored, `duplicate: false` with the entry's own record. Pure: the storage
 * writes the records to store, all or none.
 */
export function planInsert(entries: readonly InsertEntry[], stored: StoredJobs): InsertResult[] {
  const staged = new Map<string, JobRecord>()
  // Jobs of this batch by unique key: a duplicate inside the batch is found without rescanning it.
  const stagedByKey = new Map<string, JobRecord[]>()
  return entries.map(({ record, checkId }): InsertResult => {
    const sameId = checkId ? (staged.get(record.id) ?? stored.byId(record.id)) : undefined
    if (sameId) return { record: sameId, duplicate: 'id' }
    const { uniqueKey, uniqueScope } = record
    if (uniqueKey !== undefined && uniqueScope !== undefined) {
      const candidates = [...stored.byUniqueKey(uniqueKey), ...(stagedByKey.get(uniqueKey) ?? [])]
      const blocker = candidates.find((job) => blocksDuplicate(job, uniqueScope))
      if (blocker) return { record: blocker, duplicate: 'unique' }
    }
    staged.set(record.id, record)
    if (uniqueKey !== undefined) {
      const sameKey = stagedByKey.get(uniqueKey)
      if (sameKey) sameKey.push(record)
      else stagedByKey.set(uniqueKey, [record])
    }
    return { record, duplicate: false }
  })
}
