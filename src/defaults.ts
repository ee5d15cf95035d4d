/**
 * Every default of docket, written once: the code reads them from here and each option's
 * `@default` tag cites the entry by name.
 * @module
 */

/**
 * The defaults of `createQueue`, `add`, `list`, `stop` and the storages.
 * @example
 * import { DEFAULTS } from 'docket'
 * createQueue({ handlers, concurrency: DEFAULTS.concurrency * 2 })
 */
export const DEFAULTS = Object.freeze({
  /** Jobs one scheduler runs at once, over all queues. */
  concurrency: 4,
  /** Milliseconds an aborted handler may take before its worker is terminated. */
  abortGracePeriod: 3000,
  /** Milliseconds a claim holds without renewal before another context may recover the job. */
  leaseDuration: 30_000,
  /** Milliseconds between stored progress writes of one job. */
  progressInterval: 250,
  /** Jobs claimed ahead of the free slots while a backlog lasts (not in a context with a rate limit). */
  prefetch: 32,
  /**
   * Milliseconds after its claim within which a job of a rate-limited queue must start, or it
   * goes back: claims are spaced by a rate limit's `duration` plus this, so that starts are
   * spaced by `duration`.
   */
  rateLimitStartWithin: 100,
  /** Milliseconds `stop()` and `close()` wait for running jobs before deferring them. */
  stopTimeout: 5000,
  /** Attempts in all, the first included. */
  attempts: 3,
  /** Interrupted runs (page closed or reloaded, context gone) a job may have before it fails with `StalledError`. */
  maxStalls: 3,
  /** The wait between attempts. */
  backoff: Object.freeze({ type: 'exponential', delay: 1000, jitter: 0 } as const),
  /** The priority of a job. */
  priority: 0,
  /** The named queue of a job. */
  queue: 'default',
  /** Jobs in one page of `list()`. */
  listLimit: 50,
  /** The IndexedDB database name: contexts of an origin that use one name share their jobs. */
  databaseName: 'docket',
  /** The Background Sync tag that a service worker registers and answers. */
  syncTag: 'docket',
  /**
   * Milliseconds after its time that the latest due slot of a schedule still counts as on time
   * for a context that was not waiting for it (one that just opened or woke). Only the latest
   * can be: every earlier due slot was missed, however recent, and follows `catchUp`.
   */
  scheduleLateness: 1000,
  /** The most jobs one catch-up of a schedule makes (`catchUp: 'all'`). */
  scheduleCatchUpMax: 100,
})
