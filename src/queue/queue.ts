import type { Job } from '../job/job.js'
import type { AnyJob, QueueEvents } from './queue-events.js'
import type { DataOf, JobName, ResultOf } from '../runners/handlers.js'
import type { JobOptions } from '../job/job-options.js'
import type { FlowJobs, FlowStep } from '../flows/flow-types.js'
import type { JobState, SettledState } from '../job/job-states.js'
import type { Schedule, ScheduleSpec, ScheduleTemplate } from '../schedules/schedule-types.js'
import type { BlockedKey } from '../storage/ordering.js'
import type { ClearOptions } from './clear-jobs.js'
import type { QueueHealth } from './health.js'

/** The job handle of name `N` in the map `J`. */
export type JobOf<J, N extends JobName<J>> = Job<DataOf<J[N]>, ResultOf<J[N]>, N>

/** One entry of `addBulk`. */
export type BulkEntry<J> = { [N in JobName<J>]: { name: N; data: DataOf<J[N]>; options?: JobOptions } }[JobName<J>]

/** The options of `clean`. */
export interface CleanOptions {
  /** One settled state or several. */
  state: SettledState | SettledState[]
  /** Only jobs settled at least this many ms ago. @default 0 */
  olderThan?: number
  /** At most this many. */
  limit?: number
}

/**
 * A persistent job queue, typed by the job map `J` that the worker serves. Every call that
 * takes input returns a promise that rejects with `ValidationError` on bad input.
 */
export interface Queue<J> {
  /** Persists one job; resolves once it is durably stored. */
  add<N extends JobName<J>>(name: N, data: DataOf<J[N]>, options?: JobOptions): Promise<JobOf<J, N>>
  /**
   * Persists many jobs in one transaction: all or none. Beyond 500 jobs, they are read and
   * validated 500 per task (the page stays responsive): leave `jobs` unchanged until it resolves.
   * @example await queue.addBulk(urls.map((url) => ({ name: 'resize', data: { url, width: 200 } })))
   */
  addBulk(jobs: BulkEntry<J>[]): Promise<AnyJob<J>[]>
  /**
   * Persists a flow, jobs that wait for other jobs, in one transaction: all or none. A job
   * with `dependsOn` is `blocked` until each of its prerequisites has completed, then reads
   * their results as `ctx.dependencies`. A prerequisite that fails for good (or is canceled or
   * removed) fails its dependents with `DependencyFailedError`, down the chain, unless they set
   * `onDependencyFailure: 'continue'`. A cycle, an unknown ref or a bad option is a
   * `ValidationError`, and nothing is stored. Resolves to the jobs by ref.
   * @example
   * const { gallery } = await queue.addFlow([
   *   { ref: 'a', name: 'resize', data: { url: a } },
   *   { ref: 'b', name: 'resize', data: { url: b } },
   *   { ref: 'gallery', name: 'gallery', data: {}, dependsOn: ['a', 'b'] },
   * ])
   */
  addFlow<const Steps extends readonly FlowStep<J>[]>(steps: Steps): Promise<FlowJobs<J, Steps>>
  get(id: string): Promise<AnyJob<J> | undefined>
  /** Jobs by creation order. `limit` defaults to 50. */
  list(options?: ListOptions): Promise<AnyJob<J>[]>
  /**
   * Jobs per state, of every queue or of one named queue; a delayed job whose time has come
   * counts as `waiting`. Constant time: the storage keeps counters in the transaction of every
   * write, so a million stored jobs cost what a hundred do.
   * @example const { waiting, active } = await queue.counts({ queue: 'uploads' })
   */
  counts(options?: { queue?: string }): Promise<Record<JobState, number>>
  /** Cancels a job; resolves once it has settled as `canceled`. */
  cancel(id: string): Promise<AnyJob<J> | undefined>
  /** Runs a failed or canceled job again with a fresh attempt budget. */
  retry(id: string): Promise<AnyJob<J> | undefined>
  /** Makes a delayed job due now. */
  promote(id: string): Promise<AnyJob<J> | undefined>
  /** Deletes a job and its logs (a running job is canceled first). */
  remove(id: string): Promise<boolean>
  /** Pauses one named queue or, without a name, every queue. Stored: holds across contexts and reloads. */
  pause(queue?: string): Promise<void>
  /** Resumes one named queue or, without a name, every queue (clearing each queue's own pause too). */
  resume(queue?: string): Promise<void>
  /**
   * Whether jobs of the named queue are held by a pause (its own or every queue's); without a
   * name, whether every queue is paused. Reads the stored state, shared by every context.
   * @example if (await queue.isPaused('uploads')) showBanner()
   */
  isPaused(queue?: string): Promise<boolean>
  /**
   * The ordering keys blocked by a job that failed for good, each with that job's id, by key.
   * @example for (const { key, jobId } of await queue.blockedKeys()) await queue.retry(jobId)
   */
  blockedKeys(): Promise<BlockedKey[]>
  /**
   * Removes every waiting and delayed job (of one named queue with `{ queue }`; `{ delayed:
   * false }` keeps the delayed ones whose time has not come), with their logs; resolves to how
   * many it removed. Running jobs, and jobs a running scheduler claimed ahead, are untouched;
   * so are blocked jobs of flows, but a removed prerequisite fails them with
   * `DependencyFailedError`, as `remove()` does. Works in transactions of 500 jobs with a task
   * between them, so a million jobs do not freeze the page; each job removed emits `removed`.
   * @example const removed = await queue.clear({ queue: 'uploads' })
   */
  clear(options?: ClearOptions): Promise<number>
  /**
   * A snapshot that says whether work stalls, and why jobs may legitimately wait: how long the
   * oldest due job has waited, how many due jobs that this context could claim stayed unclaimed
   * for over a third of `leaseDuration`, the blocked keys, the paused queues, and what the
   * storage says of itself (`persisted`, `usage`, `quota` where `navigator.storage` tells).
   * Loaded on first call.
   * @example const { stuck, oldestDueWait } = await queue.health()
   */
  health(): Promise<QueueHealth>
  /** Removes settled jobs; returns how many. */
  clean(options: CleanOptions): Promise<number>
  on<K extends keyof QueueEvents<J>>(event: K, fn: (payload: QueueEvents<J>[K]) => void): void
  off<K extends keyof QueueEvents<J>>(event: K, fn: (payload: QueueEvents<J>[K]) => void): void
  start(): Promise<void>
  /** Waits for running jobs up to `timeout` ms (default 5000), then defers them to `waiting` without counting the attempt. */
  stop(options?: { timeout?: number }): Promise<void>
  /** Resolves when nothing is due or running in this scheduler. */
  whenIdle(): Promise<void>
  /**
   * Creates or changes the schedule `id`: each slot of `spec` makes one job from `template`,
   * whatever the number of contexts ticking (the job has `schedule: { id, slot }`). The same
   * spec and template again change nothing; a new spec takes effect from the next slot.
   * Schedules persist: every context of the database ticks them while its queue is open.
   * Resolves to the stored schedule.
   * @example await queue.upsertScheduler('sync', { every: 15 * 60_000 }, { name: 'sync', data: {} })
   * @example await queue.upsertScheduler('nightly', { pattern: '0 3 * * *', tz: 'Europe/Paris', catchUp: 'none' }, { name: 'clean', data: null })
   */
  upsertScheduler<N extends JobName<J>>(id: string, spec: ScheduleSpec, template: ScheduleTemplate<N, DataOf<J[N]>>): Promise<Schedule>
  /**
   * Removes the schedule `id`; jobs it made stay. Resolves to whether it existed.
   * @example await queue.removeScheduler('sync')
   */
  removeScheduler(id: string): Promise<boolean>
  /**
   * Every stored schedule, by id: `{ id, spec, template, nextRunAt, lastSlot, count }`.
   * @example for (const { id, nextRunAt } of await queue.getSchedulers()) console.log(id, new Date(nextRunAt!))
   */
  getSchedulers(): Promise<Schedule[]>
  /** `stop()`, then release workers and storage. May be called twice. */
  close(): Promise<void>
}

/** Filters of `queue.list`. */
export interface ListOptions {
  state?: JobState | JobState[]
  queue?: string
  name?: string
  /** @default 50 */
  limit?: number
  /** @default 0 */
  offset?: number
  /** By creation. @default 'asc' */
  order?: 'asc' | 'desc'
}
