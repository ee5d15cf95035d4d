/**
 * The wire format between the scheduler and a worker, alone: both sides import it, neither
 * imports the other. Everything here crosses a thread, so it is plain, structured-cloneable data.
 * @module
 */

/** What the runner sends to run one attempt. */
export interface RunRequest {
  id: string
  name: string
  queue: string
  data: unknown
  attempt: number
  maxAttempts: number
  /** Results of the job's prerequisites by ref (flows); absent for other jobs. */
  dependencies?: Record<string, unknown>
  /**
   * Epoch ms (`Date.now()` of the handler's thread) after which the handler must not be
   * called: the job's rate limit counted it at its claim (see `RateLimit`). Absent: no deadline.
   */
  startBy?: number
  /** The durable steps earlier runs stored (`job.steps`): replayed, not run again. Absent: none. */
  steps?: StoredStep[]
}

/** A durable step as stored and replayed: `result` is what `ctx.step` resolves to. */
export interface StoredStep {
  name: string
  at: number
  result: unknown
}

/** A run that ended in `ctx.sleep(name, ms)`: the job waits `ms` from the run's end, its attempt not spent. */
export interface SleepRequest {
  name: string
  ms: number
}

/** An error as it crosses a thread. */
export interface ErrorShape {
  name: string
  message: string
  stack?: string
  /** The least wait in ms before the next attempt (a server's `Retry-After`); the backoff may wait longer. */
  retryAfter?: number
  /** Structured-cloneable details an error carries: an outbox `HttpError`'s response. */
  response?: unknown
}

/**
 * The outcome of one attempt. `final` marks failures that must not be retried (no handler; a
 * handler's `UnrecoverableError` is told by its name on the page side, see `outcomeTransition`);
 * `aborted` says the attempt ended because its signal fired (cancel, timeout, stop); `late`
 * that the handler was not called, as the job reached its thread past its `startBy`; `sleep` that
 * the run ended in `ctx.sleep` (no failure: `error` only describes it).
 */
export type RunOutcome =
  | { ok: true; result: unknown }
  | { ok: false; error: ErrorShape; final?: boolean; aborted?: boolean; late?: boolean; sleep?: SleepRequest }

/** The page's callbacks for a worker, given once per worker; calls name the job they are about. */
export interface WorkerHooks {
  progress(id: string, value: unknown): void
  log(id: string, row: unknown): Promise<void>
  /** Stores a completed durable step; resolves once committed, rejects if it could not be (the run lost its lease). */
  step(id: string, name: string, result: unknown): Promise<void>
}

/** What a worker exposes to the scheduler's pool (through Comlink). */
export interface WorkerApi {
  /** Hands the worker a port that serves the page's `WorkerHooks`, once: one channel per worker, not one per job. */
  connect(hooks: MessagePort): void
  run(request: RunRequest): Promise<RunOutcome>
  /** Aborts the signal of a running attempt with the given reason. */
  abort(id: string, reason: ErrorShape): void
}
