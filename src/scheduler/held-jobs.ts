import { JobCanceledError } from '../errors.js'
import type { JobRecord } from '../job/record.js'
import { cancel, defer } from '../job/transitions.js'
import { newEntry, type AbortReason, type Entry } from './entry.js'
import type { GroupCommit } from './group-commit.js'
import type { SchedulerEmit } from './scheduler-events.js'

/** What the held jobs need from their scheduler. */
export interface HeldJobsContext {
  concurrency: number
  now(): number
  emit: SchedulerEmit
  writes: Pick<GroupCommit, 'write'>
  /** Whether the scheduler runs: held jobs are launched only then. */
  running(): boolean
  /** Starts the attempt of a job just launched. */
  launch(entry: Entry): void
}

/**
 * The jobs this scheduler holds a lease on. A claim may take more jobs than there are free
 * slots (see `claimLimit`): those are held, not launched, and each starts the moment a slot
 * frees, without a transaction of its own. A held job that must not run here (stop, cancel)
 * is given back with its attempt uncounted.
 */
export function createHeldJobs({ concurrency, now, emit, writes, running, launch }: HeldJobsContext) {
  const entries = new Map<string, Entry>()
  /** The held jobs, in claim order; every other entry is running. */
  let held: Entry[] = []
  const active = (): number => entries.size - held.length

  function hold(record: JobRecord, startBy?: number): void {
    const entry = newEntry(record, startBy)
    entries.set(record.id, entry)
    held.push(entry)
  }

  /** Lets go of a held job. */
  function unhold(entry: Entry): void {
    entries.delete(entry.record.id)
    held = held.filter((other) => other !== entry)
  }

  /** Gives back a held job: its attempt is not counted. */
  function giveBack(entry: Entry, how: 'cancel' | 'stop'): void {
    const { id, token } = entry.record
    unhold(entry)
    writes.write({
      update: { id, token, apply: (record) => (how === 'cancel' ? cancel(defer(record, now()), now()) : defer(record, now())) },
      done: (result) => {
        if (how === 'cancel' && result?.after) emit('canceled', { record: result.after })
        entry.markSettled()
      },
    })
  }

  function launchHeld(): void {
    while (active() < concurrency && held.length && running()) {
      const entry = held.shift()!
      entry.launched = true
      launch(entry)
    }
  }

  /**
   * Stops a job held here: a held one is given back (or, its lease lost, let go); a running
   * one has its signal aborted, and `reason` decides how its attempt settles.
   */
  function abort(entry: Entry, reason: AbortReason, error: Error): void {
    if (!entry.launched) {
      if (reason !== 'lost') return giveBack(entry, reason === 'cancel' ? 'cancel' : 'stop')
      unhold(entry)
      return entry.markSettled()
    }
    if (entry.controller.signal.aborted) return
    entry.reason = reason
    entry.controller.abort(error)
  }

  return {
    get: (id: string): Entry | undefined => entries.get(id),
    all: (): Entry[] => [...entries.values()],
    size: (): number => entries.size,
    hold,
    launchHeld,
    /** Gives back every held job (of `queue`, if given): the scheduler is stopping, or the queue was paused. */
    giveBackAll(queue?: string): void {
      for (const entry of [...held]) if (queue === undefined || entry.record.queue === queue) giveBack(entry, 'stop')
    },
    abort,
    cancel: (entry: Entry): void => abort(entry, 'cancel', new JobCanceledError('The job was canceled', entry.record.id)),
    /** A running job's attempt ended: its slot goes to the next held job. */
    finished(entry: Entry): void {
      entries.delete(entry.record.id)
      launchHeld()
    },
  }
}

/** The jobs one scheduler holds a lease on. */
export type HeldJobs = ReturnType<typeof createHeldJobs>
