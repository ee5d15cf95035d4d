import { ValidationError } from '../errors.js'
import { toErrorShape } from '../job/error-data.js'
import type { RunOutcome, RunRequest } from './protocol.js'
import type { JobContext, JobHandlers } from './handlers.js'
import type { DurableSteps } from '../steps/durable-steps.js'

/** How a handler reports back while it runs. */
export interface RunHooks {
  progress(value: unknown): void
  log(row: unknown): Promise<void>
  /** Stores a completed durable step; resolves once committed. */
  step(name: string, result: unknown): Promise<void>
}

/**
 * Runs one attempt of a job with the given handlers: the same code in a worker and inline.
 * A name without a handler fails at once with `UnknownJobError`, marked final; a job past its
 * `startBy` is not run (`late`); a run that called `ctx.sleep` ends with its `sleep`.
 */
export async function executeJob(handlers: JobHandlers, request: RunRequest, hooks: RunHooks, signal: AbortSignal): Promise<RunOutcome> {
  const handler = Object.hasOwn(handlers, request.name) ? handlers[request.name] : undefined
  if (typeof handler !== 'function') {
    const known = Object.keys(handlers).join(', ') || 'none'
    return { ok: false, final: true, error: { name: 'UnknownJobError', message: `No handler for job "${request.name}" (known: ${known})` } }
  }
  // Loaded at the run's first step: handlers without steps never load it.
  let steps: Promise<DurableSteps> | undefined
  const durable = (): Promise<DurableSteps> =>
    (steps ??= import('../steps/durable-steps.js').then(({ durableSteps }) => durableSteps(request.steps ?? [], hooks.step, ValidationError)))
  const ctx: JobContext = {
    id: request.id,
    name: request.name,
    queue: request.queue,
    attempt: request.attempt,
    maxAttempts: request.maxAttempts,
    dependencies: request.dependencies ?? {},
    signal,
    progress: (value) => hooks.progress(value),
    log: (row) => hooks.log(row),
    step: (name, fn) => durable().then((run) => run.step(name, fn)),
    sleep: (name, ms) => durable().then((run) => run.sleep(name, ms)),
  }
  // Checked here, in the handler's own thread and right before the call, so that no dispatch
  // delay after the check can move the start past what the rate limit counted.
  if (request.startBy !== undefined && Date.now() > request.startBy) {
    return { ok: false, late: true, error: { name: 'LateStartError', message: `The job reached its handler after its start deadline (${request.startBy}); it goes back` } }
  }
  let outcome: RunOutcome
  try {
    outcome = { ok: true, result: await handler(request.data, ctx) }
  } catch (error) {
    outcome = { ok: false, error: toErrorShape(error), ...(signal.aborted ? { aborted: true } : {}) }
  }
  // A run that slept ended there, whatever its handler did with the signal afterwards.
  const sleep = steps && (await steps.catch(() => undefined))?.sleeping()
  if (!sleep) return outcome
  return { ok: false, sleep, error: { name: 'SleepSignal', message: `The run sleeps at "${sleep.name}" for ${sleep.ms} ms` }, ...(signal.aborted ? { aborted: true } : {}) }
}
