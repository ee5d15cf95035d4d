import type { JobRunner } from './runners/runner.js'
import type { SchedulerEvents } from './settle.js'
import type { LogRow, Storage, Update, UpdateResult } from './storage/storage.js'
import type { JobRecord } from './types.js'

/**
 * The scheduler's types: what it needs from its queue, and what it keeps per job.
 * @module
 */

/** What the scheduler needs from the queue that owns it. */
export interface SchedulerOptions {
  storage: Storage
  runner: JobRunner
  /** This scheduler's id: the `owner` of the jobs it claims. */
  owner: string
  concurrency: number
  /** Jobs claimed ahead of free slots while there is a backlog (0: claim only for free slots). */
  prefetch: number
  queueLimits: Record<string, number>
  /** How long a claim holds before another context may take the job over. */
  leaseMs: number
  gracePeriod: number
  /** Progress is written at most this often per job (events are emitted at once). */
  progressInterval: number
  online(): boolean
  now(): number
  emit: <K extends keyof SchedulerEvents>(event: K, payload: SchedulerEvents[K]) => void
}

/** A job this scheduler holds a lease on: claimed ahead (`launched` false) or running. */
export interface Entry {
  record: JobRecord
  launched: boolean
  controller: AbortController
  /** Why the signal fired, which decides how the attempt settles. */
  reason?: 'cancel' | 'timeout' | 'stop' | 'lost'
  progress?: { value: unknown }
  settled: Promise<void>
  markSettled(): void
}

/** A write waiting for the next group commit, and what to do once it is committed. */
export interface Pending {
  update: Update
  done(result: UpdateResult | undefined): void
  /** What to write instead if the storage refuses this write's values; `null`: nothing. */
  unstorable?(error: Error): Pending | null
}

/** A log row of a running job, waiting for the next group commit; `done` once it is stored. */
export interface PendingLog {
  row: LogRow
  done(): void
}

/** The entry of a job just claimed: held, not launched, its settle still to come. */
export function newEntry(record: JobRecord): Entry {
  let markSettled!: () => void
  const settled = new Promise<void>((resolve) => (markSettled = resolve))
  return { record, launched: false, controller: new AbortController(), settled, markSettled }
}
