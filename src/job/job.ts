import { DEFAULTS } from '../defaults.js'
import { isSettled, visibleState, type JobState } from './job-states.js'
import type { JobRecord, LogEntry, StepRecord } from './record.js'

/** What a `Job` handle asks of the queue that made it. */
export interface JobHost {
  now(): number
  get(id: string): Promise<JobRecord | undefined>
  waitForResult(id: string): Promise<unknown>
  cancel(id: string): Promise<JobRecord | undefined>
  rerun(id: string): Promise<JobRecord | undefined>
  promote(id: string): Promise<JobRecord | undefined>
  discard(id: string): Promise<JobRecord | undefined>
  updateData(id: string, data: unknown): Promise<JobRecord | undefined>
  changePriority(id: string, priority: number): Promise<JobRecord | undefined>
  changeDelay(id: string, delay: number): Promise<JobRecord | undefined>
  remove(id: string): Promise<boolean>
  log(id: string, row: unknown): Promise<void>
  getLogs(id: string): Promise<LogEntry[]>
  onJob(id: string, event: JobEvent, fn: (value: unknown) => void, state?: JobState): void
  offJob(id: string, event: JobEvent, fn: (value: unknown) => void): void
  track(job: Job<any, any, any>): void
}

/** The events of one job: `progress` gets the progress value, `state` the new state. */
export type JobEvent = 'progress' | 'state'

/**
 * The fields of a record that a `Job` snapshot shows, written once: the class copies them and
 * its type picks them from `JobRecord`, whose docs describe each.
 */
export const SNAPSHOT_FIELDS = [
  'id', 'name', 'queue', 'data', 'priority', 'progress', 'result', 'error', 'errors', 'attempts', 'maxAttempts', 'stalls', 'maxStalls',
  'createdAt', 'runAt', 'expiresAt', 'startedAt', 'settledAt', 'completedAt', 'failedAt', 'canceledAt', 'duration', 'uniqueKey', 'orderingKey',
  'schedule',
  'ref', 'dependsOn', 'dependents', 'dependencies', 'steps',
] as const

type SnapshotFields = Omit<Pick<JobRecord, (typeof SNAPSHOT_FIELDS)[number]>, 'name' | 'data' | 'result' | 'stalls' | 'maxStalls' | 'steps'>

/** The fields of a `Job`: its record's, typed by the job map, with the state users see. */
export interface Job<D = unknown, R = unknown, N extends string = string> extends SnapshotFields {
  name: N
  data: D
  result?: R
  /** The state as users see it (a `delayed` job whose time has come is `waiting`). */
  state: JobState
  /** Whether `state` is completed, failed or canceled. */
  isSettled: boolean
  /** Runs interrupted so far (page closed or reloaded, context gone); none spent an attempt. */
  stalls: number
  /** Interruptions allowed before the job fails with `StalledError`. */
  maxStalls: number
  /**
   * The durable steps its runs completed (`ctx.step`, `ctx.sleep`), in order, each
   * `{ name, at, result }`: what later runs replay. `[]` for a job without any.
   * @default []
   */
  steps: StepRecord[]
}

/**
 * A job: a snapshot of its record (refreshed by `refresh()`, and kept current while it runs
 * in this context) with the methods that act on it.
 * @typeParam D the job's data, @typeParam R its result, @typeParam N its name.
 * @example
 * const job = await queue.add('resize', { url, width: 200 })
 * job.on('progress', (value) => bar.update(value))
 * const result = await job.waitForResult()
 */
// A class and an interface of one name merge: the fields above are this class's instance fields.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Job<D = unknown, R = unknown, N extends string = string> {
  readonly #host: JobHost

  /** @internal Jobs are made by the queue. */
  constructor(host: JobHost, record: JobRecord) {
    this.#host = host
    this.#assign(record)
  }

  #assign(record: JobRecord): this {
    const fields = this as unknown as Record<string, unknown>
    for (const field of SNAPSHOT_FIELDS) fields[field] = record[field]
    // Records stored by 0.1 have neither: they had no interruption, and the default bound.
    this.stalls = record.stalls ?? 0
    this.maxStalls = record.maxStalls ?? DEFAULTS.maxStalls
    this.steps = record.steps ?? []
    this.state = visibleState(record, this.#host.now())
    this.isSettled = isSettled(this.state)
    return this
  }

  /** @internal Refreshes the snapshot from a record the queue saw. */
  _update(record: JobRecord): void {
    this.#assign(record)
  }

  async #then(p: Promise<JobRecord | undefined>): Promise<this | undefined> {
    const record = await p
    return record ? this.#assign(record) : undefined
  }

  /**
   * The result, once the job completed. Rejects with `JobFailedError` (`cause`: the last
   * error) when it failed, `JobCanceledError` when it was canceled or removed.
   */
  waitForResult(): Promise<R> {
    return this.#host.waitForResult(this.id) as Promise<R>
  }

  /** Alias of `waitForResult()`. */
  finished(): Promise<R> {
    return this.waitForResult()
  }

  /** Cancels: a waiting job at once, a running one through its signal (its worker is terminated after the grace period). Resolves once settled. */
  cancel(): Promise<this | undefined> {
    return this.#then(this.#host.cancel(this.id))
  }

  /** Runs a failed or canceled job again, as the same job, with a fresh attempt budget. */
  retry(): Promise<this | undefined> {
    return this.#then(this.#host.rerun(this.id))
  }

  /** No further attempts after the current one. */
  discard(): Promise<this | undefined> {
    return this.#then(this.#host.discard(this.id))
  }

  /** Makes a delayed job due now. */
  promote(): Promise<this | undefined> {
    return this.#then(this.#host.promote(this.id))
  }

  /** Replaces the data of a job that has not started; rejects with `ValidationError` otherwise. */
  update(data: D): Promise<this | undefined> {
    return this.#then(this.#host.updateData(this.id, data))
  }

  /**
   * Gives a job that has not started a new priority (an integer; higher runs first). Atomic
   * against a claim in any context: the job is changed before it is claimed, or the call
   * rejects with `ValidationError`, as it does for a job running, claimed ahead or settled.
   * @example await job.changePriority(10)
   */
  changePriority(priority: number): Promise<this | undefined> {
    return this.#then(this.#host.changePriority(this.id, priority))
  }

  /**
   * Makes a job that has not started due `delay` ms from now (`0`: now); a retry in its backoff
   * too. Atomic against a claim as `changePriority`; a started job rejects with `ValidationError`.
   * @example await job.changeDelay(60_000)
   */
  changeDelay(delay: number): Promise<this | undefined> {
    return this.#then(this.#host.changeDelay(this.id, delay))
  }

  /** Deletes the job and its logs (a running job is canceled first). */
  remove(): Promise<boolean> {
    return this.#host.remove(this.id)
  }

  /** Appends a log row; resolves once stored. */
  log(row: unknown): Promise<void> {
    return this.#host.log(this.id, row)
  }

  /** The log rows in the order written. */
  getLogs(): Promise<LogEntry[]> {
    return this.#host.getLogs(this.id)
  }

  /** The state as stored now (reads storage). */
  async getState(): Promise<JobState | undefined> {
    const record = await this.#host.get(this.id)
    return record ? visibleState(record, this.#host.now()) : undefined
  }

  /** Whether the snapshot says the job is running. */
  isRunning(): boolean {
    return this.state === 'active'
  }

  /** Reloads the snapshot from storage; resolves to this job. */
  async refresh(): Promise<this> {
    const record = await this.#host.get(this.id)
    return record ? this.#assign(record) : this
  }

  /** Listens to this job's progress values or state changes. */
  on(event: JobEvent, fn: (value: any) => void): this {
    this.#host.track(this)
    this.#host.onJob(this.id, event, fn, this.state)
    return this
  }

  /** Stops listening. */
  off(event: JobEvent, fn: (value: any) => void): this {
    this.#host.offJob(this.id, event, fn)
    return this
  }
}
