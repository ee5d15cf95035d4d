import { useMemo, useSyncExternalStore } from 'react'
import { JOB_STATES, type JobState } from '../job/job-states.js'
import type { Queue } from '../queue/queue.js'
import { JOB_CHANGES } from './job-events.js'
import { queueStore } from './queue-store.js'

/** The options of `useCounts`. */
export interface UseCountsOptions {
  /** Count the jobs of this named queue only. @default every queue */
  queue?: string
}

/**
 * Zero in every state: what `useCounts` returns before its first read and on the server.
 * @example const loading = useCounts(queue) === NO_COUNTS
 */
export const NO_COUNTS: Readonly<Record<JobState, number>> = Object.freeze(Object.fromEntries(JOB_STATES.map((state) => [state, 0])) as Record<JobState, number>)

/**
 * The live number of jobs in each state, of every queue or of one named queue. Zero in every
 * state until storage has been read, and on the server. Reads are coalesced: a burst of events
 * costs a few reads, and a read that finds the same numbers does not re-render.
 * @example
 * function Badge() {
 *   const { failed } = useCounts(queue, { queue: 'uploads' })
 *   return failed > 0 ? `${failed} failed` : null
 * }
 */
export function useCounts<J>(queue: Queue<J>, options: UseCountsOptions = {}): Readonly<Record<JobState, number>> {
  const name = options.queue
  const store = useMemo(() => queueStore<J, Readonly<Record<JobState, number>>>(queue, {
    initial: NO_COUNTS,
    read: () => queue.counts(name === undefined ? {} : { queue: name }),
    events: JOB_CHANGES,
    onEvent: (_event, payload) => (name !== undefined && payload?.job && payload.job.queue !== name ? undefined : { read: true }),
  }), [queue, name])
  return useSyncExternalStore(store.subscribe, store.getSnapshot, serverCounts)
}

const serverCounts = (): Readonly<Record<JobState, number>> => NO_COUNTS
