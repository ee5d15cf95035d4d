import type { ScheduleWrite, ScheduleWriteResult } from '../storage.js'
import { insertInTransaction } from './insert.js'
import { queued, type Tx } from './writes.js'

/**
 * A schedule write in one transaction over `schedules` and `jobs`: the row and the job of its
 * last slot are read there, so two contexts ticking at once are serialised by IndexedDB and the
 * second sees the slot the first took. The row and the slot's jobs commit together or not at all.
 */
export async function writeScheduleInTransaction(tx: Tx, KeyRange: typeof IDBKeyRange, write: ScheduleWrite): Promise<ScheduleWriteResult> {
  const store = tx.objectStore('schedules')
  const before = await store.get(write.id)
  const lastJob = before?.lastJobId === undefined ? undefined : await tx.objectStore('jobs').index('id').get(before.lastJobId)
  const change = write.apply(before, lastJob)
  if (!change) return { ...(before ? { before } : {}), inserted: [] }
  if (change.schedule) void queued(store.put(change.schedule))
  else if (before) void queued(store.delete(write.id))
  const inserted = change.jobs?.length ? await insertInTransaction(tx, KeyRange, change.jobs) : []
  return { ...(before ? { before } : {}), after: change.schedule, inserted }
}
