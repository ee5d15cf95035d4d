/**
 * Job handlers and the context they get: the types that one `Jobs` map (the object given to
 * `serveJobs`) flows from into every call of the queue.
 * @module
 */

/** The context a handler receives as its second argument. */
export interface JobContext {
  id: string
  name: string
  queue: string
  /** 1-based. */
  attempt: number
  maxAttempts: number
  /** Aborts on cancel, timeout and shutdown; `signal.reason` says which. */
  signal: AbortSignal
  /** Report progress: a number 0..100 or any structured-cloneable value. Fire and forget. */
  progress(value: unknown): void
  /** Append a log row to the job; resolves once stored. */
  log(row: unknown): Promise<void>
  /**
   * The results of the job's prerequisites in its flow (`queue.addFlow`), by their `ref`;
   * `{}` for a job without prerequisites. A prerequisite that failed under
   * `onDependencyFailure: 'continue'` has no entry. Typed loosely: a handler serves every flow
   * that uses its name, so it states the shape it expects.
   * @default {}
   * @example const { upload } = ctx.dependencies as { upload?: ResultOf<Jobs['upload']> }
   */
  dependencies: Record<string, unknown>
  /**
   * A durable step: resolves to `fn()`'s result, which is stored with the job before the
   * promise resolves, fenced by this run's lease. Every later run of the job (a retry, a rerun
   * after a reload or a crash, in any context) resolves it to the stored result without
   * calling `fn`. The result must be structured-cloneable, and `name` unique within a run,
   * else it rejects with `ValidationError`. `fn` itself is at-least-once: a run interrupted
   * before the result was stored calls it again.
   * @example
   * const url = await ctx.step('upload', () => upload(data.photo))
   * await ctx.step('post', () => postMetadata(url))
   */
  step<T>(name: string, fn: () => T | Promise<T>): Promise<T>
  /**
   * A durable pause: the run ends here without spending an attempt, the job is `delayed` for
   * `ms`, and its next run replays the steps before it from storage and goes on after it
   * (there the stored sleep resolves at once). In the run that sleeps it rejects with a signal
   * that ends the run: `await` it and let it pass (a run that catches it still ends there).
   * `ms` minimum: `0`.
   * @example await ctx.sleep('cool-down', 3 * 24 * 60 * 60 * 1000)
   */
  sleep(name: string, ms: number): Promise<void>
}

/** A job handler: data and context in, result out. */
export type JobHandler = (data: any, ctx: JobContext) => unknown

/** The map of job names to handlers that `serveJobs` takes and `createQueue<Jobs>` is typed by. */
export type JobHandlers = Record<string, JobHandler>

/** The data type of a handler. */
export type DataOf<H> = H extends (data: infer D, ...rest: any[]) => unknown ? D : unknown

/** The result type of a handler, awaited. */
export type ResultOf<H> = H extends (...args: any[]) => infer R ? Awaited<R> : unknown

/** The names of a job map. */
export type JobName<J> = keyof J & string
