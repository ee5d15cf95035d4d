/**
 * A job as stored: the record with the fields that exist only to be indexed. They are derived
 * from the record here, when a row is made, and dropped here when a record is read back, so no
 * caller sees them and none can set them.
 * @module
 */
import { isSettled } from '../../job/job-states.js'
import type { JobRecord } from '../../job/record.js'
import { holdsKey } from '../ordering.js'

/** A stored job row. */
export type JobRow = JobRecord & {
  /** Insertion order: the table's key, given by the backend at `add`, never reused. */
  seq: number
  /** `runAt` while pending, `leaseUntil` while active, `settledAt` once settled. */
  timeKey: number
  /** The ordering key while the job holds it. */
  keyHold?: string
  /** The ordering key while the job runs. */
  keyActive?: string
  /** The ordering key while the job failed for good. */
  keyBlocked?: string
  /**
   * Marks a pending job of an ordering key as its head. Invariant, kept by the job writer at the
   * end of every transaction that changes a job of the key: the first job holding a key (by
   * `seq`) has the mark whenever it is waiting or delayed. A mark on a job that is no longer the
   * head is allowed (the claim checks the head itself); a missing one would leave the key's jobs
   * out of `runnable` for good.
   */
  keyHead?: boolean
  /** `'waiting'` for a waiting job that is not ordered or heads its key: the claim's candidates. */
  runnable?: 'waiting'
}

/** The fields a row has beyond its record. */
const DERIVED = ['timeKey', 'keyHold', 'keyActive', 'keyBlocked', 'keyHead', 'runnable'] as const

/** The record of a row, its derived fields dropped. */
export function fromRow(row: JobRow): JobRecord {
  const record: Record<string, unknown> = { ...row }
  for (const field of DERIVED) delete record[field]
  return record as unknown as JobRecord
}

/**
 * The row stored for `record` at `seq`. `keyHead` is the stored mark of the row it replaces
 * (`headMark`), kept only while the job still holds its key.
 */
export function toRow(record: JobRecord, seq: number, headMark = false): JobRow {
  const plain = fromRow(record as JobRow)
  const key = record.orderingKey
  const holds = key !== undefined && holdsKey(record.state)
  const head = holds && headMark
  const timeKey = record.state === 'active' ? (record.leaseUntil ?? record.runAt)
    : isSettled(record.state) ? (record.settledAt ?? record.runAt) : record.runAt
  return {
    ...plain,
    seq,
    timeKey,
    ...(holds ? { keyHold: key } : {}),
    ...(key !== undefined && record.state === 'active' ? { keyActive: key } : {}),
    ...(key !== undefined && record.state === 'failed' ? { keyBlocked: key } : {}),
    ...(head ? { keyHead: true } : {}),
    ...(record.state === 'waiting' && (key === undefined || head) ? { runnable: 'waiting' as const } : {}),
  }
}
