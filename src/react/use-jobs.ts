import { useMemo, useSyncExternalStore } from 'react'
import type { ListOptions, Queue } from '../queue/queue.js'
import { JOB_CHANGES, jobIdOf } from './job-events.js'
import { toSnapshot, type JobSnapshotOf } from './job-snapshot.js'
import { queueStore } from './queue-store.js'

const EVENTS = [...JOB_CHANGES, 'progress'] as const
const NONE: readonly never[] = Object.freeze([])

/**
 * The live page of jobs that `queue.list(query)` returns: the same filters, order and paging.
 * An empty list until storage has been read, and on the server. A job's progress updates its
 * row from the event; other changes read the page again, coalesced during a burst. Pass a query
 * whose fields stay the same between renders (it is compared by value, not by reference).
 * @example
 * function Failed() {
 *   const jobs = useJobs(queue, { state: 'failed', order: 'desc', limit: 20 })
 *   return jobs.map((job) => `${job.name}: ${job.error?.message}`).join('\n')
 * }
 */
export function useJobs<J>(queue: Queue<J>, query: ListOptions = {}): readonly JobSnapshotOf<J>[] {
  // By value: `useJobs(queue, { state: 'failed' })` makes a new object on every render.
  const key = JSON.stringify(query)
  const store = useMemo(() => {
    const options: ListOptions = JSON.parse(key)
    return queueStore<J, readonly JobSnapshotOf<J>[]>(queue, {
      initial: NONE,
      read: async () => Object.freeze((await queue.list(options)).map((job) => toSnapshot<JobSnapshotOf<J>>(job))),
      events: EVENTS,
      onEvent(event, payload, jobs) {
        const job = payload?.job
        if (job && ((options.queue !== undefined && job.queue !== options.queue) || (options.name !== undefined && job.name !== options.name))) return undefined
        if (event !== 'progress') return { read: true }
        // Progress changes no state and no order: the row of the page takes it, if it is there.
        const at = jobs.findIndex((shown) => shown.id === jobIdOf(payload))
        if (at === -1) return undefined
        const next = [...jobs]
        next[at] = toSnapshot<JobSnapshotOf<J>>(job, payload)
        return { value: Object.freeze(next) }
      },
    })
  }, [queue, key])
  return useSyncExternalStore(store.subscribe, store.getSnapshot, serverJobs)
}

const serverJobs = (): readonly never[] => NONE
