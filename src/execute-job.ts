import type { JobContext, JobHandlers } from './types.js'

/** What the runner sends to run one attempt. */
export interface RunRequest {
  id: string
  name: string
  queue: string
  data: unknown
  attempt: number
  maxAttempts: number
}

/** How a handler reports back while it runs. */
export interface RunHooks {
  progress(value: unknown): void
  log(row: unknown): Promise<void>
}

/** An error as it crosses a thread: plain, structured-cloneable. */
export interface ErrorShape {
  name: string
  message: string
  stack?: string
}

/**
 * The outcome of one attempt. `final` marks failures that must not be retried (no handler);
 * `aborted` says the attempt ended because its signal fired (cancel, timeout, stop).
 */
export type RunOutcome =
  | { ok: true; result: unknown }
  | { ok: false; error: ErrorShape; final?: boolean; aborted?: boolean }

/** Turns anything thrown into a plain error shape. */
export function toErrorShape(error: unknown): ErrorShape {
  if (error && typeof error === 'object' && 'message' in error) {
    const e = error as { name?: unknown; message?: unknown; stack?: unknown }
    return {
      name: typeof e.name === 'string' ? e.name : 'Error',
      message: String(e.message),
      ...(typeof e.stack === 'string' ? { stack: e.stack } : {}),
    }
  }
  return { name: 'Error', message: String(error) }
}

/**
 * Runs one attempt of a job with the given handlers: the same code in a worker and inline.
 * A name without a handler fails at once with `UnknownJobError`, marked final.
 */
export async function executeJob(handlers: JobHandlers, request: RunRequest, hooks: RunHooks, signal: AbortSignal): Promise<RunOutcome> {
  const handler = Object.hasOwn(handlers, request.name) ? handlers[request.name] : undefined
  if (typeof handler !== 'function') {
    const known = Object.keys(handlers).join(', ') || 'none'
    return { ok: false, final: true, error: { name: 'UnknownJobError', message: `No handler for job "${request.name}" (known: ${known})` } }
  }
  const ctx: JobContext = {
    id: request.id,
    name: request.name,
    queue: request.queue,
    attempt: request.attempt,
    maxAttempts: request.maxAttempts,
    signal,
    progress: (value) => hooks.progress(value),
    log: (row) => hooks.log(row),
  }
  try {
    return { ok: true, result: await handler(request.data, ctx) }
  } catch (error) {
    return { ok: false, error: toErrorShape(error), ...(signal.aborted ? { aborted: true } : {}) }
  }
}
