import type { JobRecord } from '../job/record.js'

/** Why an attempt's signal fired; it decides how the attempt settles (see `outcomeTransition`). */
export type AbortReason = 'cancel' | 'timeout' | 'stop' | 'lost'

/** A job this scheduler holds a lease on: claimed ahead (`launched` false) or running. */
export interface Entry {
  record: JobRecord
  launched: boolean
  /** Epoch ms after which its handler must not start (its queue's rate limit), if any. */
  startBy?: number
  controller: AbortController
  /** Why the signal fired, if it did. */
  reason?: AbortReason
  /** The latest progress not yet written; the next group commit writes it. */
  progress?: { value: unknown }
  /** Resolves once the job's last write is committed (or refused): the scheduler is done with it. */
  settled: Promise<void>
  markSettled(): void
}

/** The entry of a job just claimed: held, not launched, its settle still to come. */
export function newEntry(record: JobRecord, startBy?: number): Entry {
  let markSettled!: () => void
  const settled = new Promise<void>((resolve) => (markSettled = resolve))
  return { record, launched: false, controller: new AbortController(), settled, markSettled, ...(startBy === undefined ? {} : { startBy }) }
}
