import type { JobState } from '../job/job-states.js'
import type { JobRecord } from '../job/record.js'
import { addDelta, applyDeltas, visibleCounts, type CountDeltas } from './counters.js'

/**
 * The memory storage's jobs by id, with their counters kept by the map itself: every write of
 * the storage is a `set` or a `delete`, so none can forget them. A record is never changed in
 * place once stored (each write stores a new object), which is what lets `set` see the state
 * it replaces.
 */
export class CountedJobs extends Map<string, JobRecord> {
  // Counters from zero: the deltas are the counts.
  #counts: CountDeltas = new Map()

  override set(id: string, record: JobRecord): this {
    addDelta(this.#counts, super.get(id), record)
    return super.set(id, record)
  }

  override delete(id: string): boolean {
    addDelta(this.#counts, super.get(id), undefined)
    return super.delete(id)
  }

  override clear(): void {
    this.#counts = new Map()
    super.clear()
  }

  /** Counts per visible state of `queue` (all: undefined); due delayed jobs count as waiting. */
  count(queue: string | undefined, now: number): Record<JobState, number> {
    const counts = applyDeltas({}, this.#counts).counts
    let due = 0
    // Only while delayed jobs exist: the one part that reads jobs, as IndexedDB's due range does.
    if (Object.values(counts).some((states) => states.delayed)) {
      for (const job of this.values()) if (job.state === 'delayed' && job.runAt <= now && (queue === undefined || job.queue === queue)) due++
    }
    return visibleCounts(counts, queue, due)
  }
}
