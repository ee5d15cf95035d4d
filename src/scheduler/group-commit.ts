import type { LogRow, Update, UpdateResult } from '../storage/storage.js'
import type { Entry } from './entry.js'

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

/** What one claim commits along with claiming: writes, applied in order, and log rows. */
export interface Batch {
  writes: Pending[]
  logs: PendingLog[]
}

/** What the buffer needs from its scheduler. */
export interface GroupCommitContext {
  /** Progress is written at most this often. */
  progressInterval: number
  /** Asks the loop for a claim, which commits what waits here. */
  wake(): void
}

/**
 * The group-commit buffer: settles, progress and log rows of this scheduler's jobs wait here
 * for the next claim, which commits them in its one transaction instead of one transaction each.
 */
export function createGroupCommit({ progressInterval, wake }: GroupCommitContext) {
  let writes: Pending[] = []
  let logs: PendingLog[] = []
  let progressTimer: ReturnType<typeof setTimeout> | undefined

  return {
    /** Queues a write for the next claim. */
    write(pending: Pending): void {
      writes.push(pending)
      wake()
    },
    /** Queues a log row for the next claim. */
    log(pending: PendingLog): void {
      logs.push(pending)
      wake()
    },
    /**
     * A running job's progress (kept on its entry) changed. Progress can change many times a
     * second: it waits up to `progressInterval` for a claim, and only its latest value is written.
     */
    progressChanged(): void {
      progressTimer ??= setTimeout(() => {
        progressTimer = undefined
        wake()
      }, progressInterval)
    },
    /** Takes the progress of a job that is still to be written. */
    takeProgress(entry: Entry): { value: unknown } | undefined {
      const { progress } = entry
      entry.progress = undefined
      return progress
    },
    hasWrites: (): boolean => writes.length > 0 || logs.length > 0,
    /** Takes everything waiting, with `more` (the writes made at claim time) after it. */
    take(more: Pending[]): Batch {
      const batch = { writes: [...writes, ...more], logs }
      writes = []
      logs = []
      return batch
    },
    /** Puts back the batch of a claim that failed, ahead of what came since: retried, never dropped. */
    putBack(batch: Batch): void {
      writes = [...batch.writes, ...writes]
      logs = [...batch.logs, ...logs]
    },
    /** The batch was committed: its log rows are done, then each write with its result. */
    committed(batch: Batch, results: UpdateResult[]): void {
      for (const log of batch.logs) log.done()
      batch.writes.forEach((pending, index) => pending.done(results[index]))
    },
    /** Drops the progress timer: the scheduler stopped. */
    stop(): void {
      clearTimeout(progressTimer)
      progressTimer = undefined
    },
  }
}

/** The group-commit buffer of one scheduler. */
export type GroupCommit = ReturnType<typeof createGroupCommit>
