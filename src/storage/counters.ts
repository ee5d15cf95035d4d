/**
 * Counters of stored jobs per named queue and stored state, so that `counts()` costs the same
 * with a hundred jobs or a million: each storage keeps them in the same transaction as every
 * write that adds, removes or moves a job, and a count only reads them. Pure: how a change
 * moves the counters, and what a count reports from them.
 * @module
 */
import { dictionary, own } from '../dictionary.js'
import { JOB_STATES, zeroCounts, type JobState } from '../job/job-states.js'

/**
 * What the counters count a job as: its stored state, except that a job claimed ahead and not
 * started (`held`, stored `active`) is counted apart, as `held`: shown as waiting, and
 * counted against its queue's limit of active jobs, since it will start.
 */
export type CountedState = JobState | 'held'

/**
 * Stored jobs per named queue, then per counted state (a state with none may be absent). Keyed
 * by queue names: built without a prototype, read with `own` (IndexedDB gives back a plain object).
 */
export type StoredCounts = Record<string, Partial<Record<CountedState, number>>>

/** What a count needs of a job: where it is counted. */
export type Counted = { queue: string; state: JobState; held?: boolean }

/** Pending changes of the counters, by queue then counted state. */
export type CountDeltas = Map<string, Map<CountedState, number>>

/** The counted state of a job. */
export function countedState(job: Counted): CountedState {
  return job.state === 'active' && job.held ? 'held' : job.state
}

/** The jobs of `queue` that count against its limit of active jobs: running, or claimed ahead. */
export function activeOrHeld(counts: StoredCounts, queue: string): number {
  const row = own(counts, queue)
  return (row?.active ?? 0) + (row?.held ?? 0)
}

/** Adds to `deltas` what a write of a job from `before` to `after` changes (absent: no job). */
export function addDelta(deltas: CountDeltas, before: Counted | undefined, after: Counted | undefined): void {
  if (before && after && before.queue === after.queue && countedState(before) === countedState(after)) return
  const bump = (job: Counted, by: number): void => {
    const states = deltas.get(job.queue) ?? new Map<CountedState, number>()
    const state = countedState(job)
    states.set(state, (states.get(state) ?? 0) + by)
    deltas.set(job.queue, states)
  }
  if (before) bump(before, -1)
  if (after) bump(after, 1)
}

/**
 * The counters with `deltas` applied, as a new object; a queue left with no job is dropped,
 * so the row stays as small as the set of queues in use. Whether anything changed is returned
 * too, so that a transaction that moved no job writes no row.
 */
export function applyDeltas(counts: StoredCounts, deltas: CountDeltas): { counts: StoredCounts; changed: boolean } {
  let changed = false
  const next: StoredCounts = dictionary(counts)
  for (const [queue, states] of deltas) {
    const row: Partial<Record<CountedState, number>> = { ...own(next, queue) }
    for (const [state, by] of states) {
      if (by === 0) continue
      changed = true
      const value = (row[state] ?? 0) + by
      if (value === 0) delete row[state]
      else row[state] = value
    }
    if (Object.keys(row).length) next[queue] = row
    else delete next[queue]
  }
  return { counts: next, changed }
}

/** The stored jobs in `state` over every queue. */
export function storedInState(counts: StoredCounts, state: CountedState): number {
  let total = 0
  for (const states of Object.values(counts)) total += states[state] ?? 0
  return total
}

/**
 * Counts per visible state, of one named queue or of all: the stored counters, with `due`
 * delayed jobs (those whose `runAt` has come but no claim promoted yet) and jobs claimed ahead
 * counted as waiting.
 */
export function visibleCounts(counts: StoredCounts, queue: string | undefined, due: number): Record<JobState, number> {
  const result = zeroCounts()
  const of = (state: CountedState): number => (queue === undefined ? storedInState(counts, state) : (own(counts, queue)?.[state] ?? 0))
  for (const state of JOB_STATES) result[state] = of(state)
  result.delayed -= due
  result.waiting += due + of('held')
  return result
}

/** Counters of the given jobs: how an upgrade or a check counts from scratch. */
export function countAll(jobs: Iterable<Counted>): StoredCounts {
  const deltas: CountDeltas = new Map()
  for (const job of jobs) addDelta(deltas, undefined, job)
  return applyDeltas({}, deltas).counts
}
