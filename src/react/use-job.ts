import { useMemo, useSyncExternalStore } from 'react'
import type { Queue } from '../queue/queue.js'
import { JOB_CHANGES, jobIdOf } from './job-events.js'
import { toSnapshot, type JobSnapshotOf } from './job-snapshot.js'
import { queueStore } from './queue-store.js'

const EVENTS = [...JOB_CHANGES, 'progress', 'duplicate'] as const

/**
 * The live snapshot of one job: `undefined` until storage has been read (and on the server),
 * `null` when no job has this id (or it was removed). Re-renders when the job changes in any
 * context of the database (a stored step too); its progress, state and steps come straight from
 * the events, without a read.
 * @example
 * function Upload({ id }: { id: string }) {
 *   const job = useJob(queue, id)
 *   if (job === undefined) return 'Loading…'
 *   if (job === null) return 'No such upload'
 *   return `${job.state} ${typeof job.progress === 'number' ? job.progress : 0}%`
 * }
 */
export function useJob<J>(queue: Queue<J>, id: string): JobSnapshotOf<J> | null | undefined {
  const store = useMemo(() => queueStore<J, JobSnapshotOf<J> | null | undefined>(queue, {
    initial: undefined,
    read: async () => {
      const job = await queue.get(id)
      return job ? toSnapshot<JobSnapshotOf<J>>(job) : null
    },
    events: EVENTS,
    onEvent(event, payload) {
      if (jobIdOf(payload) !== id) return undefined
      if (event === 'removed') return { value: null }
      return { value: toSnapshot<JobSnapshotOf<J>>(payload.job, event === 'progress' ? payload : undefined) }
    },
  }), [queue, id])
  return useSyncExternalStore(store.subscribe, store.getSnapshot, serverSnapshot)
}

// On the server there is no storage to read: the job is not known yet.
const serverSnapshot = (): undefined => undefined
