import { SNAPSHOT_FIELDS, type Job } from '../job/job.js'
import type { DataOf, JobName, ResultOf } from '../runners/handlers.js'

/**
 * A job as the hooks hand it out: its fields frozen at one moment, without the methods of a
 * `Job` (act through the queue: `queue.retry(job.id)`). React compares snapshots by reference,
 * so a snapshot never changes: a change of the job is a new snapshot.
 * @typeParam D its data, @typeParam R its result, @typeParam N its name.
 * @example
 * function Row({ job }: { job: JobSnapshot }) {
 *   return createElement('tr', null, createElement('td', null, job.name), createElement('td', null, job.state))
 * }
 */
export type JobSnapshot<D = unknown, R = unknown, N extends string = string> = Readonly<
  Pick<Job<D, R, N>, (typeof SNAPSHOT_FIELDS)[number] | 'state' | 'isSettled'>
>

/**
 * A snapshot of any job of the map `J`: a union over its names, so that checking `name` types
 * `data` and `result`, and UI code over mixed names needs no cast.
 * @example
 * const jobs = useJobs(queue, { state: 'failed' })
 * for (const job of jobs) if (job.name === 'resize') console.log(job.data.width)
 */
export type JobSnapshotOf<J> = [JobName<J>] extends [never]
  ? JobSnapshot
  : { [N in JobName<J>]: JobSnapshot<DataOf<J[N]>, ResultOf<J[N]>, N> }[JobName<J>]

/** The frozen snapshot of a job handle (or of a snapshot carried by an event), with its fields copied. */
export function toSnapshot<T>(job: Job<any, any, any>, change?: { progress: unknown }): T {
  const copy: Record<string, unknown> = { state: job.state, isSettled: job.isSettled }
  for (const field of SNAPSHOT_FIELDS) copy[field] = job[field]
  if (change) copy.progress = change.progress
  return Object.freeze(copy) as T
}
