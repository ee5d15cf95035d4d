/**
 * Due-delayed promotion: which delayed jobs a claim makes `waiting`, and when the next
 * delayed job is due. Pure; the core's claim calls it.
 * @module
 */
import type { JobRecord } from '../job/record.js'

/** Whether `record` is a delayed job whose `runAt` has come by `now`. */
export function isDueDelayed(record: JobRecord, now: number): boolean {
  return record.state === 'delayed' && record.runAt <= now
}

/** The earliest `runAt` of the delayed jobs among `records`; undefined when there are none. */
export function nextRunAt(records: Iterable<JobRecord | null | undefined>): number | undefined {
  let earliest: number | undefined
  for (const record of records) {
    if (record?.state === 'delayed' && (earliest === undefined || record.runAt < earliest)) earliest = record.runAt
  }
  return earliest
}
