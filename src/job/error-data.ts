/**
 * Errors as data, shaped in one place: what crosses a thread, what is stored in `job.errors`,
 * and the `Error` rebuilt from either.
 * @module
 */
import type { ErrorShape } from '../runners/protocol.js'
import type { ErrorData } from './record.js'

/** Turns anything thrown into a plain, structured-cloneable error shape. */
export function toErrorShape(error: unknown, fallbackName = 'Error'): ErrorShape {
  if (error && typeof error === 'object' && 'message' in error) {
    const { name, message, stack, retryAfter, response } = error as { name?: unknown; message?: unknown; stack?: unknown; retryAfter?: unknown; response?: unknown }
    return {
      name: typeof name === 'string' ? name : fallbackName,
      message: String(message),
      ...(typeof stack === 'string' ? { stack } : {}),
      ...(typeof retryAfter === 'number' && Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfter } : {}),
      ...(response !== undefined ? { response } : {}),
    }
  }
  return { name: fallbackName, message: String(error) }
}

/** The record stored in `job.errors` for a failed attempt. */
export function toErrorData(error: unknown, attempt: number, at: number): ErrorData {
  return { ...toErrorShape(error), attempt, at }
}

/** Rebuilds an `Error` with the same `name`, `message` and `stack` as a stored record. */
export function fromErrorData(data: ErrorShape): Error {
  const error = new Error(data.message)
  error.name = data.name
  if (data.stack !== undefined) error.stack = data.stack
  if (data.response !== undefined) Object.assign(error, { response: data.response })
  return error
}

/** The message of an attempt that ran past its timeout. */
export function timeoutMessage(attempt: number, timeout: number | undefined): string {
  return `Attempt ${attempt} exceeded its timeout of ${timeout ?? 0} ms`
}
