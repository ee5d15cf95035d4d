/**
 * The errors of a delivery attempt, and how a response is classified.
 * @module
 */
import type { OutboxResponse } from './outbox-response.js'

/**
 * The server answered with a status that is not success. A job fails at once (no retries)
 * with it for a 4xx other than 408, 425 and 429; those and every 5xx are retried, waiting at
 * least `retryAfter`. Stored with the job (`job.error.response`) and rebuilt as the `cause`
 * of `JobFailedError` with the same `name` and `response`.
 * @example
 * try { await job.waitForResult() } catch (error) {
 *   if (error.cause?.name === 'HttpError') console.log(error.cause.response.status)
 * }
 */
export class HttpError extends Error {
  override name = 'HttpError'
  constructor(
    message: string,
    /** The response, as stored. */
    readonly response: OutboxResponse,
    /** Milliseconds the server asked to wait (`Retry-After`), if it said. */
    readonly retryAfter?: number,
  ) {
    super(message)
  }
}

/** No response: the network failed (offline, DNS, connection reset, CORS refused). Retried. */
export class NetworkError extends Error {
  override name = 'NetworkError'
}

/** What a status means for the request: done, try again, or rejected for good. */
export type Verdict = 'delivered' | 'retry' | 'rejected'

/** Statuses of 4xx that say "not now" rather than "never". */
const RETRIED_4XX = new Set([408, 425, 429])

/**
 * 1xx–3xx (a redirect that `fetch` did not follow, an opaque response's 0) are delivered;
 * 408, 425, 429 and 5xx are retried; any other 4xx is rejected.
 */
export function classify(status: number): Verdict {
  if (status < 400) return 'delivered'
  if (status >= 500 || RETRIED_4XX.has(status)) return 'retry'
  return 'rejected'
}

/** `Retry-After` (seconds, or an HTTP date) as milliseconds from `now`; `undefined` if absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  // An HTTP date names its day and month; engines read bare numbers ("-5") as years otherwise.
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
