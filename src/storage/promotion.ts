/**
 * Due-delayed promotion: a claim makes delayed jobs whose `runAt` has come `waiting`, and
 * reports when the next delayed job is due. Pure; both storages call it in their claim.
 * @module
 */
import type { JobRecord } from '../job/record.js'

/** Whether `record` is a delayed job whose `runAt` has come by `now`. */
export function isDueDelayed(record: JobRecord, now: number): boolean {
  return record.state === 'delayed' && record.runAt <= now
}

/**
 * The due delayed jobs among `records`, each as the waiting job it becomes (new objects; the
 * inputs are left alone). `undefined` stands for a job deleted in the same transaction.
 */
export function promoteDue<Row extends JobRecord>(records: Iterable<Row | undefined>, now: number): Row[] {
  const promoted: Row[] = []
  for (const record of records) if (record && isDueDelayed(record, now)) promoted.push({ ...record, state: 'waiting' })
  return promoted
}

/** The earliest `runAt` of the delayed jobs among `records`; undefined when there are none. */
export function nextRunAt(records: Iterable<JobRecord | null | undefined>): number | undefined {
  let earliest: number | undefined
  for (const record of records) {
    if (record?.state === 'delayed' && (earliest === undefined || record.runAt < earliest)) earliest = record.runAt
  }
  return earliest
}
