import type { DEFAULTS } from '../defaults.js'
/**
 * The options of one job (`queue.add`).
 * @module
 */

/**
 * How long to wait before the next attempt after a failure.
 * @example { type: 'exponential', delay: 1000, jitter: 0.2, maxDelay: 60_000 }
 */
export interface BackoffOptions {
  /** `fixed` waits `delay` each time; `exponential` waits `delay·2^(n-1)` after the n-th failure. */
  type: 'fixed' | 'exponential'
  /** Base delay in ms. Minimum: `0`. Maximum: `2 ** 31 - 1` (≈ 24.8 days, the timer limit). */
  delay: number
  /** 0..1: the wait is drawn uniformly from `[d·(1−jitter), d]`. @default 0 */
  jitter?: number
  /** Upper bound of any wait, in ms. Minimum: `0`. Maximum: `2 ** 31 - 1` (≈ 24.8 days, the timer limit). @default no bound */
  maxDelay?: number
}

/**
 * Which existing jobs with the same key block a new one. `window` (ms, minimum `1`) arms no
 * timer, so it has no maximum: the key folds in `floor(now / window)`.
 */
export type UniqueScope = 'pending' | 'waiting' | { window: number }

/**
 * `true` (key from name and data, scope `pending`) or an explicit key and scope.
 * @example { key: `sync:${userId}`, scope: 'waiting' }
 */
export type UniqueOption = true | { key?: string; scope?: UniqueScope; onDuplicate?: OnDuplicate }

/**
 * What an add that finds its duplicate does to the existing job, when that job has not started:
 * `'ignore'` leaves it; `'replace'` gives it the new `data` and `priority` (keeping its `runAt`);
 * `'debounce'` does the same and moves its `runAt` to the new add's `delay`/`runAt`. A started
 * job is never changed.
 * @default 'ignore'
 * @example queue.add('save', draft, { unique: { key: `draft:${id}`, scope: 'waiting', onDuplicate: 'replace' } })
 */
export type OnDuplicate = 'ignore' | 'replace' | 'debounce'

/**
 * Options of `queue.add`.
 * @example queue.add('resize', data, { priority: 10, attempts: 5, timeout: 30_000 })
 */
export interface JobOptions {
  /** Named queue (a namespace with its own pause and concurrency). @default {@link DEFAULTS.queue} */
  queue?: string
  /** Milliseconds from now before the job may run. Minimum: `0`. Maximum: `2 ** 31 - 1` (≈ 24.8 days, the timer limit): give `runAt` for a later time. @default 0 */
  delay?: number
  /** A `Date` or epoch ms before which the job may not run. @default now */
  runAt?: Date | number
  /** An integer; higher runs first among due jobs; equal priorities run in insertion order. @default {@link DEFAULTS.priority} */
  priority?: number
  /** Attempts in all, the first included. Minimum: `1`. @default {@link DEFAULTS.attempts} */
  attempts?: number
  /**
   * Interrupted runs (its page closed or reloaded, its context gone) the job may have; one more
   * fails it with `StalledError`. An interrupted run spends no attempt. Minimum: `0`.
   * @default {@link DEFAULTS.maxStalls}
   */
  maxStalls?: number
  /** @default {@link DEFAULTS.backoff} */
  backoff?: BackoffOptions
  /** Milliseconds one attempt may run before it fails with `TimeoutError`. Minimum: `1`. Maximum: `2 ** 31 - 1` (≈ 24.8 days, the timer limit). @default no timeout */
  timeout?: number
  /** Deduplicate: adding a duplicate returns the existing job and emits `duplicate`. @default none */
  unique?: UniqueOption
  /** A caller's job id; adding an id that exists returns the existing job. @default a `nanoid()` */
  id?: string
  /** Run only while the runtime reports it is online. @default false */
  requiresNetwork?: boolean
  /**
   * Jobs with the same key run one at a time, in insertion order, across every context; one
   * that failed for good blocks the key until it is retried or removed (`queue.blockedKeys()`).
   * `priority` orders jobs of different keys, never within one.
   * @default none
   * @example queue.add('saveNote', edit, { orderingKey: `note:${noteId}` })
   */
  orderingKey?: string
  /**
   * Milliseconds after its `add` within which each attempt of the job must start. A job not
   * started by then never runs: the claim that finds it fails it with `ExpiredError`, without
   * retries; a retry whose backoff would end after it fails the same way at once. Checked in
   * the claim's transaction, so no context starts an expired job. `delay` (or `runAt`) must
   * leave time: a job that could never start is a `ValidationError`. `retry()` of a failed job
   * runs it without the bound. Minimum: `1`.
   * @default no expiry
   * @example outbox.send(request, { ttl: 24 * 3_600_000 }) // not sent a day later
   */
  ttl?: number
}

/** The names of the job options that `createQueue({ defaults })` may set, written once. */
export const DEFAULTABLE_OPTIONS = ['attempts', 'maxStalls', 'backoff', 'timeout', 'priority', 'ttl'] as const

/** The job options that `createQueue({ defaults })` may set for every job. */
export type DefaultJobOptions = Pick<JobOptions, (typeof DEFAULTABLE_OPTIONS)[number]>
