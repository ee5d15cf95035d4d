import type { ScheduleWrite, ScheduleWriteResult } from '../storage.js'
import { fromRow } from './job-row.js'
import type { JobWriter } from './job-writer.js'
import { insertJobs } from './insert.js'

/**
 * A schedule write in one transaction: the row and the job of its last slot are read there, so
 * two contexts ticking at once are serialised and the second sees the slot the first took (the
 * compare-and-set). The row and the slot's jobs commit together or not at all.
 */
export async function writeSchedule(writer: JobWriter, write: ScheduleWrite): Promise<ScheduleWriteResult> {
  const { tx } = writer
  const before = await tx.schedule(write.id)
  const lastJob = before?.lastJobId === undefined ? undefined : await tx.byId(before.lastJobId)
  const change = write.apply(before, lastJob && fromRow(lastJob))
  if (!change) return { ...(before ? { before } : {}), inserted: [] }
  if (change.schedule) tx.putSchedule(change.schedule)
  else if (before) tx.deleteSchedule(write.id)
  const inserted = change.jobs?.length ? await insertJobs(writer, change.jobs) : []
  return { ...(before ? { before } : {}), after: change.schedule, inserted }
}
