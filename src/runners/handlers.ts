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
