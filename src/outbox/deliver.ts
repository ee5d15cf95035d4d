/**
 * The handler of an outbox job: one attempt to send a stored request, inline (a `fetch`
 * waits on the network, not on a CPU: no Web Worker needed).
 * @module
 */
import type { JobContext } from '../runners/handlers.js'
import { classify, HttpError, NetworkError, retryAfterMs } from './http-error.js'
import type { AttemptInfo, OutboxConfig } from './outbox-options.js'
import { readResponse, type OutboxResponse } from './outbox-response.js'
import { attemptRequest, type StoredRequest } from './stored-request.js'

/** What delivery needs from its outbox. */
export interface DeliveryContext extends OutboxConfig {
  /** The response of the latest delivered request of a key. */
  previous(orderingKey: string): Promise<OutboxResponse | undefined>
  /** No more attempts for this job after the current one (`job.discard()`). */
  discard(id: string): Promise<unknown>
  now(): number
}

/**
 * Sends one attempt. Delivered: the response is the result. Retried (network error, 408,
 * 425, 429, 5xx): throws, with the server's `Retry-After` as the least wait. Rejected (other
 * 4xx): the job is discarded first, so that it fails at once with `HttpError`.
 */
export function createDelivery(context: DeliveryContext) {
  return async function deliver(stored: StoredRequest, ctx: JobContext): Promise<OutboxResponse> {
    let request = attemptRequest(stored)
    if (context.beforeSend) {
      const { orderingKey } = stored
      const info: AttemptInfo = {
        id: ctx.id,
        attempt: ctx.attempt,
        idempotencyKey: stored.idempotencyKey,
        ...(orderingKey !== undefined ? { orderingKey } : {}),
        signal: ctx.signal,
        previous: async () => (orderingKey === undefined ? undefined : context.previous(orderingKey)),
      }
      const changed = await context.beforeSend(request, info)
      if (changed instanceof Request) request = changed
      else if (changed) request = attemptRequest(stored, changed)
    }
    let response: Response
    try {
      response = await (context.fetch ?? globalThis.fetch)(request, { signal: ctx.signal })
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason ?? error
      throw new NetworkError(`${request.method} ${request.url} got no response: ${String((error as Error)?.message ?? error)}`)
    }
    const read = await readResponse(response)
    const verdict = classify(read.status)
    if (verdict === 'delivered') return read
    const message = `${request.method} ${request.url} answered ${read.status} ${read.statusText}`.trimEnd()
    if (verdict === 'rejected') {
      await context.discard(ctx.id)
      throw new HttpError(message, read)
    }
    throw new HttpError(message, read, retryAfterMs(response.headers.get('retry-after'), context.now()))
  }
}
