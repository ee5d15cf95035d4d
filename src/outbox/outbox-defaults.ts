/**
 * Every default of the outbox, written once: the code reads them from here and each option's
 * `@default` tag cites the entry by name.
 * @module
 */

/**
 * The defaults of `createOutbox` and `outbox.send`.
 * @example
 * import { OUTBOX_DEFAULTS } from 'docket/outbox'
 * createOutbox({ defaults: { attempts: OUTBOX_DEFAULTS.attempts * 2 } })
 */
export const OUTBOX_DEFAULTS = Object.freeze({
  /**
   * The IndexedDB database of the outbox. Its own, not docket's default: a queue of the app on
   * the same database would claim the outbox's requests and fail them as unknown jobs.
   */
  databaseName: 'docket-outbox',
  /** The job name of a stored request. */
  jobName: 'request',
  /** Requests sent at once by one context. */
  concurrency: 6,
  /** Attempts in all: a network that comes and goes needs more than a job's default. */
  attempts: 10,
  /** The wait between attempts: exponential from 1 s, at most 5 minutes, with jitter so that many clients do not retry in step. */
  backoff: Object.freeze({ type: 'exponential', delay: 1000, jitter: 0.2, maxDelay: 300_000 } as const),
  /** Milliseconds one attempt may take: a request that hangs is retried, not waited on forever. */
  timeout: 30_000,
  /**
   * Milliseconds `send` waits for a request's body to be read: a body stream that never ends
   * is a `ValidationError`, and the sends after it (stored in call order) go on.
   */
  bodyReadTimeout: 30_000,
  /** The header that carries the idempotency key on every attempt. */
  idempotencyHeader: 'Idempotency-Key',
  /** Headers holding credentials, never stored unless the outbox's `storeCredentials` names them. */
  credentialHeaders: Object.freeze(['authorization', 'cookie', 'proxy-authorization'] as const),
})
