import { nanoid } from 'nanoid'
import { createQueue } from '../queue/create-queue.js'
import type { Job } from '../job/job.js'
import type { ListOptions, Queue } from '../queue/queue.js'
import { defaultStorage } from '../queue/queue-options.js'
import type { JobContext } from '../runners/handlers.js'
import { createDelivery } from './deliver.js'
import { OUTBOX_DEFAULTS } from './outbox-defaults.js'
import { outboxConfig, sendOptions, type CreateOutboxOptions, type SendOptions } from './outbox-options.js'
import type { OutboxResponse } from './outbox-response.js'
import { createSendLine } from './send-line.js'
import { storeRequest, type OutboxRequestInit, type StoredRequest } from './stored-request.js'

/** The job map of an outbox: one kind of job, a stored request whose result is its response. */
export type OutboxJobs = { request: (data: StoredRequest, ctx: JobContext) => Promise<OutboxResponse> }

/** A stored request: a job whose `data` is the request and whose result is the response. */
export type OutboxJob = Job<StoredRequest, OutboxResponse, 'request'>

/** The outbox `createOutbox` returns. */
export interface Outbox {
  /**
   * Stores a request; resolves once it is durably stored, with its job (`waitForResult()`:
   * the response). Rejects with `ValidationError` for a malformed request or options.
   */
  send(request: Request | OutboxRequestInit, options?: SendOptions): Promise<OutboxJob>
  /** Requests not yet delivered nor rejected (waiting, delayed, active), oldest first. */
  pending(options?: Omit<ListOptions, 'state' | 'name'>): Promise<OutboxJob[]>
  /** Requests that failed for good (a rejecting 4xx, attempts spent), oldest first: `job.error.response` holds the answer. */
  rejected(options?: Omit<ListOptions, 'state' | 'name'>): Promise<OutboxJob[]>
  /** Delivers what is due here, and resolves once nothing is due or running in this context. */
  drain(): Promise<void>
  /** The queue underneath, for its events (`on('completed')` hears every context), controls and counts. */
  readonly queue: Queue<OutboxJobs>
  /** Stops delivering here and closes the storage. */
  close(): Promise<void>
}

/**
 * Creates an outbox: requests are stored (bytes, no credentials) before anything is sent,
 * sent with `fetch` in this context (a page or a service worker), retried on network errors,
 * 408, 425, 429 and 5xx, and taken out only once their outcome is stored. Contexts that share
 * its storage share the outbox: a page may send while its service worker delivers.
 * Throws `ValidationError` synchronously for bad options.
 * @example
 * const outbox = createOutbox({ beforeSend: withFreshToken })
 * const job = await outbox.send({ url: '/api/notes', method: 'POST', body: JSON.stringify(note) })
 * const response = await job.waitForResult()   // { status, statusText, headers, body }
 */
export function createOutbox(options: CreateOutboxOptions = {}): Outbox {
  const config = outboxConfig(options)
  const name = OUTBOX_DEFAULTS.jobName
  const { timeout, attempts, backoff } = OUTBOX_DEFAULTS
  const deliver = createDelivery({
    ...config,
    now: () => Date.now(),
    discard: (id) => queue.get(id).then((job) => job?.discard()),
    async previous(orderingKey) {
      // Completed requests, newest first: with ordering keys, the first of the key is the one just before.
      const done = await queue.list({ state: 'completed', name, order: 'desc', limit: 200 })
      return done.find((job) => job.data.orderingKey === orderingKey)?.result
    },
  })
  const queue: Queue<OutboxJobs> = createQueue<OutboxJobs>({
    handlers: { request: deliver },
    storage: options.storage ?? defaultStorage(OUTBOX_DEFAULTS.databaseName),
    concurrency: options.concurrency ?? OUTBOX_DEFAULTS.concurrency,
    defaults: { timeout, attempts, backoff: { ...backoff }, ...options.defaults },
    ...(options.queues !== undefined ? { queues: options.queues } : {}),
    ...(options.autostart !== undefined ? { autostart: options.autostart } : {}),
  })
  const reserve = createSendLine(queue, name)
  const list = (state: 'pending' | 'failed', opts: Omit<ListOptions, 'state' | 'name'> = {}): Promise<OutboxJob[]> =>
    queue.list({ ...opts, name, state: state === 'pending' ? ['waiting', 'delayed', 'active'] : 'failed' }) as Promise<OutboxJob[]>

  return {
    async send(request, opts) {
      const { idempotencyKey, orderingKey, job } = sendOptions(opts)
      const id = job.id ?? nanoid()
      // Its place in line now, before the body is read: sends are stored in the order called.
      const place = reserve()
      let stored: StoredRequest
      try {
        stored = await storeRequest(request, { idempotencyKey: idempotencyKey ?? id, ...(orderingKey !== undefined ? { orderingKey } : {}) }, config)
      } catch (error) {
        place.drop()
        throw error
      }
      return place.fill(stored, { requiresNetwork: true, ...job, id, ...(orderingKey === undefined ? {} : { orderingKey }) })
    },
    pending: (opts) => list('pending', opts),
    rejected: (opts) => list('failed', opts),
    async drain() {
      await queue.start()
      await queue.whenIdle()
    },
    queue,
    close: () => queue.close(),
  }
}
