/**
 * The options of `createOutbox` and `outbox.send`, and their validation.
 * @module
 */
import type { JobOptions, DefaultJobOptions } from '../job/job-options.js'
import type { QueueOptions } from '../queue/queue-options.js'
import type { Storage } from '../storage/storage.js'
import * as check from '../validate.js'
import type { OutboxResponse } from './outbox-response.js'
import { OUTBOX_DEFAULTS } from './outbox-defaults.js'

/** What the `beforeSend` hook learns about the attempt. */
export interface AttemptInfo {
  /** The job's id. */
  id: string
  /** 1-based. */
  attempt: number
  idempotencyKey: string
  orderingKey?: string
  /** Aborts on cancel, timeout and shutdown. */
  signal: AbortSignal
  /**
   * The response of the latest delivered request of the same `orderingKey` (`undefined`
   * without a key, or when none is stored): derive this request from it, e.g. a server-assigned id.
   */
  previous(): Promise<OutboxResponse | undefined>
}

/**
 * What `beforeSend` may change: a new `url`, and headers set over the stored ones (a fresh
 * `authorization`). The body stays the stored bytes.
 * @example { headers: { authorization: `Bearer ${token}` } }
 */
export interface RequestChanges {
  url?: string
  headers?: HeadersInit
}

/**
 * Runs before each attempt, with the request about to be sent: return the changes (or a whole
 * new `Request`, or nothing). This is where fresh credentials go, as they are not stored.
 * Prefer changes to `new Request(url, request)`: that streams the body, which Chromium sends
 * only over HTTP/2.
 * @example
 * beforeSend: async () => ({ headers: { authorization: `Bearer ${await freshToken()}` } })
 */
export type BeforeSend = (request: Request, info: AttemptInfo) => Request | RequestChanges | void | Promise<Request | RequestChanges | void>

/**
 * Options of `createOutbox`.
 * @example createOutbox({ beforeSend: withFreshToken, concurrency: 4 })
 */
export interface CreateOutboxOptions {
  /** Where requests persist; contexts (pages, the service worker) that share it share the outbox. @default indexedDBStorage({ name: OUTBOX_DEFAULTS.databaseName }) */
  storage?: Storage
  /** Requests this context sends at once. Minimum: `1`. @default {@link OUTBOX_DEFAULTS.concurrency} */
  concurrency?: number
  /** Default `attempts`, `backoff`, `timeout`, `priority` of every request. @default {@link OUTBOX_DEFAULTS} (attempts, backoff, timeout) */
  defaults?: DefaultJobOptions
  /** Per named queue of requests: `concurrency` across contexts, `paused`. @default {} */
  queues?: Record<string, QueueOptions>
  /** Deliver from this context. `false`: this context only sends and hears (a page whose service worker delivers). @default true */
  autostart?: boolean
  /** Runs before each attempt, e.g. to add a fresh `Authorization`. @default none */
  beforeSend?: BeforeSend
  /**
   * Credential headers (`authorization`, `cookie`, `proxy-authorization`) to store anyway.
   * Stored headers sit in IndexedDB in clear, readable by any script of the origin and on disk:
   * prefer `beforeSend`. @default [] (none is stored)
   */
  storeCredentials?: string[]
  /** The `fetch` to call. @default globalThis.fetch */
  fetch?: typeof fetch
  /**
   * Milliseconds `send` waits for a body to be read before it rejects with `ValidationError`
   * (a stream that never ends would hold every later send, as sends are stored in call order).
   * Minimum: `1`. Maximum: `2 ** 31 - 1`. @default {@link OUTBOX_DEFAULTS.bodyReadTimeout}
   */
  bodyReadTimeout?: number
}

/**
 * Options of `outbox.send`: the job options, and two of the outbox's own.
 * @example outbox.send(request, { orderingKey: `note:${id}`, idempotencyKey: opId })
 */
export interface SendOptions extends JobOptions {
  /** Requests of one key are delivered one at a time, in the order sent (the job option of "Order and pace"). @default none */
  orderingKey?: string
  /** Sent as `Idempotency-Key` on every attempt, so that the server can drop repeats. @default the job id */
  idempotencyKey?: string
}

/** The options after validation. */
export interface OutboxConfig {
  storeCredentials: ReadonlySet<string>
  beforeSend?: BeforeSend
  fetch?: typeof fetch
  bodyReadTimeout: number
}

const known = ['storage', 'concurrency', 'defaults', 'queues', 'autostart', 'beforeSend', 'storeCredentials', 'fetch', 'bodyReadTimeout']

/** Validates the outbox's own options synchronously (the queue checks the rest). */
export function outboxConfig(value: unknown): OutboxConfig {
  const options = check.object<CreateOutboxOptions>('options', value)
  for (const key of Object.keys(options)) if (!known.includes(key)) check.fail('options', `only known options (${known.join(', ')})`, key)
  const allowed = OUTBOX_DEFAULTS.credentialHeaders as readonly string[]
  const names = options.storeCredentials ?? []
  if (!Array.isArray(names)) check.fail('storeCredentials', `an array of header names among ${allowed.join(', ')}`, names)
  const storeCredentials = new Set(names.map((name, index) => {
    const lower = typeof name === 'string' ? name.toLowerCase() : name
    if (typeof lower !== 'string' || !allowed.includes(lower)) check.fail(`storeCredentials[${index}]`, `one of ${allowed.join(', ')}`, name)
    return lower
  }))
  if (options.beforeSend !== undefined && typeof options.beforeSend !== 'function') check.fail('beforeSend', 'a function', options.beforeSend)
  if (options.fetch !== undefined && typeof options.fetch !== 'function') check.fail('fetch', 'a function', options.fetch)
  const bodyReadTimeout = options.bodyReadTimeout === undefined ? OUTBOX_DEFAULTS.bodyReadTimeout : check.duration('bodyReadTimeout', options.bodyReadTimeout, 1)
  return { storeCredentials, bodyReadTimeout, ...(options.beforeSend ? { beforeSend: options.beforeSend } : {}), ...(options.fetch ? { fetch: options.fetch } : {}) }
}

/** Splits the options of `send` into the outbox's keys and the job options. */
export function sendOptions(value: unknown): { idempotencyKey?: string; orderingKey?: string; job: JobOptions } {
  if (value === undefined) return { job: {} }
  const { idempotencyKey, orderingKey, ...job } = check.object<SendOptions>('options', value)
  if (idempotencyKey !== undefined) check.string('idempotencyKey', idempotencyKey)
  if (orderingKey !== undefined) check.string('orderingKey', orderingKey)
  check.jobOptions(job)
  return { ...(idempotencyKey !== undefined ? { idempotencyKey } : {}), ...(orderingKey !== undefined ? { orderingKey } : {}), job }
}
