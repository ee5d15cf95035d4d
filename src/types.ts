/**
 * The shared types of docket: job records, options, events and the typing helpers that let
 * one `Jobs` map (the object given to `serveJobs`) type every call of the queue.
 * @module
 */

/** The state of a job as users see it. `delayed` is a waiting job whose `runAt` is still ahead. */
export type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed' | 'canceled'

/** The states of a job that has settled: it will not run again unless retried. */
export type SettledState = 'completed' | 'failed' | 'canceled'

/** One failed attempt, as stored in `job.errors`. */
export interface ErrorData {
  /** The error's `name`, e.g. `TimeoutError`. */
  name: string
  message: string
  stack?: string
  /** The attempt (1-based) that failed. */
  attempt: number
  /** When the attempt failed, epoch ms. */
  at: number
}

/**
 * How long to wait before the next attempt after a failure.
 * @example { type: 'exponential', delay: 1000, jitter: 0.2, maxDelay: 60_000 }
 */
export interface BackoffOptions {
  /** `fixed` waits `delay` each time; `exponential` waits `delay·2^(n-1)` after the n-th failure. */
  type: 'fixed' | 'exponential'
  /** Base delay in ms. */
  delay: number
  /** 0..1: the wait is drawn uniformly from `[d·(1−jitter), d]`. @default 0 */
  jitter?: number
  /** Upper bound of any wait, in ms. */
  maxDelay?: number
}

/** Which existing jobs with the same key block a new one. */
export type UniqueScope = 'pending' | 'waiting' | { window: number }

/** `true` (key from name and data, scope `pending`) or an explicit key and scope. */
export type UniqueOption = true | { key?: string; scope?: UniqueScope }

/** Options of `queue.add`. */
export interface JobOptions {
  /** Named queue (a namespace with its own pause and concurrency). @default 'default' */
  queue?: string
  /** Milliseconds from now before the job may run. */
  delay?: number
  /** A `Date` or epoch ms before which the job may not run. */
  runAt?: Date | number
  /** Higher runs first among due jobs; equal priorities run in insertion order. @default 0 */
  priority?: number
  /** Attempts in all, the first included. @default 3 */
  attempts?: number
  /** @default { type: 'exponential', delay: 1000, jitter: 0 } */
  backoff?: BackoffOptions
  /** Milliseconds one attempt may run before it fails with `TimeoutError`. */
  timeout?: number
  /** Deduplicate: adding a duplicate returns the existing job and emits `duplicate`. */
  unique?: UniqueOption
  /** A caller's job id; adding an id that exists returns the existing job. */
  id?: string
  /** Run only while the runtime reports it is online. @default false */
  requiresNetwork?: boolean
}

/** The job options that `createQueue({ defaults })` may set for every job. */
export type DefaultJobOptions = Pick<JobOptions, 'attempts' | 'backoff' | 'timeout' | 'priority'>

/** The state as stored: `delayed` is stored apart so that due jobs are one index range. */
export type StoredState = JobState

/**
 * A job as persisted. `seq` is the storage's insertion counter, which orders equal keys.
 * `owner`, `leaseUntil` and `token` exist only while the job is `active`.
 */
export interface JobRecord {
  id: string
  seq?: number
  name: string
  queue: string
  data: unknown
  state: StoredState
  priority: number
  /** `-priority`: indexes sort ascending, and higher priority must come first. */
  rank: number
  progress: unknown
  result?: unknown
  error?: ErrorData
  errors: ErrorData[]
  attempts: number
  maxAttempts: number
  backoff: BackoffOptions
  timeout?: number
  requiresNetwork: boolean
  uniqueKey?: string
  uniqueScope?: 'pending' | 'waiting' | 'window'
  createdAt: number
  runAt: number
  startedAt?: number
  settledAt?: number
  completedAt?: number
  failedAt?: number
  canceledAt?: number
  duration?: number
  /** Set by `discard()`: no further attempts after the current one. */
  discarded?: boolean
  /** Set by `cancel()` on a job running in another context: its owner aborts it. */
  cancelRequested?: boolean
  owner?: string
  leaseUntil?: number
  token?: string
}

/** A stored log row of a job. */
export interface LogEntry {
  at: number
  row: unknown
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

/** Per named queue options of `createQueue`. */
export interface QueueOptions {
  /** Active jobs of this queue at once, across every context that shares the database. */
  concurrency?: number
  /** Start paused (stored, so it holds across contexts). */
  paused?: boolean
}

/** Bounds past which settled jobs are removed. */
export interface RetentionBound {
  /** Remove settled jobs older than this many ms (since they settled). */
  maxAge?: number
  /** Keep at most this many jobs of the state; the oldest go first. */
  maxCount?: number
}

/** Retention per settled state. */
export interface RetentionOptions {
  completed?: RetentionBound
  failed?: RetentionBound
  canceled?: RetentionBound
}

/** The context a handler receives as its second argument. */
export interface JobContext {
  id: string
  name: string
  queue: string
  /** 1-based. */
  attempt: number
  maxAttempts: number
  /** Aborts on cancel, timeout and shutdown; `signal.reason` says which. */
  signal: AbortSignal
  /** Report progress: a number 0..100 or any structured-cloneable value. Fire and forget. */
  progress(value: unknown): void
  /** Append a log row to the job; resolves once stored. */
  log(row: unknown): Promise<void>
}

/** A job handler: data and context in, result out. */
export type JobHandler = (data: any, ctx: JobContext) => unknown

/** The map of job names to handlers that `serveJobs` takes and `createQueue<Jobs>` is typed by. */
export type JobHandlers = Record<string, JobHandler>

/** The data type of a handler. */
export type DataOf<H> = H extends (data: infer D, ...rest: any[]) => unknown ? D : unknown

/** The result type of a handler, awaited. */
export type ResultOf<H> = H extends (...args: any[]) => infer R ? Awaited<R> : unknown

/** The names of a job map. */
export type JobName<J> = keyof J & string
