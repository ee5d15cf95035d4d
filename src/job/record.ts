/**
 * A job as persisted, and the rows stored with it.
 * @module
 */
import type { BackoffOptions } from './job-options.js'
import type { JobState } from './job-states.js'

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
  /** The least wait in ms the error asked for before the next attempt (a server's `Retry-After`). */
  retryAfter?: number
  /** Details the error carried: an outbox `HttpError`'s response. */
  response?: unknown
}

/**
 * A job as persisted. `seq` is the storage's insertion counter, which orders equal keys.
 * `owner`, `leaseUntil` and `token` exist only while the job is `active`.
 */
export interface JobRecord {
  /** Its id: a `nanoid()` or the caller's `id`. */
  id: string
  seq?: number
  /** The handler's name. */
  name: string
  /** The named queue. */
  queue: string
  data: unknown
  state: JobState
  /** Higher runs first among due jobs. */
  priority: number
  /** `-priority`: indexes sort ascending, and higher priority must come first. */
  rank: number
  /** The last progress reported: a number 0..100 or any structured-cloneable value. */
  progress: unknown
  /** What the handler returned, once completed. */
  result?: unknown
  /** The error of the last failed attempt. */
  error?: ErrorData
  /** One entry per failed attempt, kept across `retry()`. */
  errors: ErrorData[]
  /** Attempts started so far. */
  attempts: number
  /** Attempts in all, the first included. */
  maxAttempts: number
  /** Runs interrupted so far (page closed or reloaded, context gone); none spent an attempt. Absent in records of 0.1: 0. */
  stalls?: number
  /** Interruptions allowed before the job fails with `StalledError`. Absent in records of 0.1: the default. */
  maxStalls?: number
  backoff: BackoffOptions
  timeout?: number
  requiresNetwork: boolean
  /** The key under which the job is deduplicated, if it is. */
  uniqueKey?: string
  uniqueScope?: 'pending' | 'waiting' | 'window'
  /** Jobs with the same key run one at a time, in insertion order. */
  orderingKey?: string
  /** Epoch ms, as every time below. */
  createdAt: number
  /** Not run before this time. */
  runAt: number
  /** Epoch ms by which each attempt must start (`createdAt + ttl`); past it the job fails with `ExpiredError`. Absent: no expiry. */
  expiresAt?: number
  startedAt?: number
  /**
   * Claimed ahead by its owner's scheduler (prefetch) and not started yet: stored `active`, so
   * no other context takes it, but shown and counted as `waiting`, its attempt not spent. The
   * owner clears it when the job starts, in the group commit of the write that freed the slot.
   */
  held?: boolean
  settledAt?: number
  completedAt?: number
  failedAt?: number
  canceledAt?: number
  /** Milliseconds of the last attempt. */
  duration?: number
  /** Set by `discard()`: no further attempts after the current one. */
  discarded?: boolean
  /** Set by `cancel()` on a job running in another context: its owner aborts it. */
  cancelRequested?: boolean
  owner?: string
  leaseUntil?: number
  token?: string
  /** The schedule that made the job, and the slot (epoch ms) it was made for. */
  schedule?: { id: string; slot: number }
  /** Its `ref` in the flow that added it (`queue.addFlow`). */
  ref?: string
  /** Ids of its prerequisites in its flow; stored for good (indexed: how a settle finds its dependents). */
  dependsOn?: string[]
  /** Ids of the jobs of its flow that depend on it. */
  dependents?: string[]
  /**
   * Prerequisites that have not completed yet; the job is `blocked` until none is left. With
   * `onDependencyFailure: 'continue'` a failed one leaves it, and comes back if it is rerun
   * while the job is still blocked.
   */
  awaiting?: string[]
  /** Prerequisites whose failure (or cancel, or removal) failed this job: a rerun of the last of them blocks it again. */
  failedPrerequisites?: string[]
  /** Results of completed prerequisites, by their `ref`: the handler's `ctx.dependencies`. */
  dependencies?: Record<string, unknown>
  /** What a prerequisite's failure does to this job: `'fail'` it with `DependencyFailedError`, or `'continue'` without it. */
  onDependencyFailure?: 'fail' | 'continue'
  /**
   * The durable steps its runs completed (`ctx.step`, `ctx.sleep`), in order; kept across
   * retries and reruns, so that a later run replays them from here. Absent: none yet.
   */
  steps?: StepRecord[]
}

/**
 * A completed durable step, as stored in `job.steps`: what `ctx.step(name, fn)` resolved to,
 * or for `ctx.sleep(name, ms)` `{ wakeAt }` (epoch ms).
 */
export interface StepRecord {
  /** The step's name, unique within the job. */
  name: string
  /** When it was stored, epoch ms. */
  at: number
  /** What `fn` resolved to (structured-cloneable). */
  result: unknown
}

/** A stored log row of a job. */
export interface LogEntry {
  at: number
  row: unknown
}
