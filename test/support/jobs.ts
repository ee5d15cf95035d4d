// The job handlers of the queue and control tests. They live apart from `jobs.worker.ts` so that
// a test can run them inline (`handlers: jobs`) without calling `serveJobs` in its own thread.
// Handlers that must run until the test says so are held by a release on their channel
// (`notes.ts`), never by a wall-clock wait that a busy machine could outlast.
import { UnrecoverableError, type JobContext } from 'docket/worker'
import { postNote, untilAborted, whenReleased, type Tagged } from './notes'
import { stepJobs } from './step-jobs'

/** A failure with a name of its own, to show that `name`, `message` and `stack` survive. */
class BadInputError extends Error {
  override name = 'BadInputError'
}

/**
 * A stack frame of the `fail` handler: its name, then its module and line, as V8 (`at fail
 * (…/jobs.ts:63:11)`), SpiderMonkey and JavaScriptCore (`fail@…/jobs.ts:63:9`) write it, also
 * from the bundled Node worker (`jobs.worker.mjs`). Only V8 puts the message in the stack too.
 */
export const failFrame = /\bfail\b.*\bjobs\b[\w.]*:\d+:\d+/

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

/** Runs of each job id in this thread, for `failsOnce`. */
const runsById = new Map<string, number>()

/** The handlers: each one is small and shows one thing a test asks of a job. */
export const jobs = {
  /** Returns its input doubled. */
  double(data: { n: number }): number {
    return data.n * 2
  },

  /** Returns its data as it is. */
  identity<T>(data: T): T {
    return data
  },

  /** Says whether it ran in a worker (Web Worker or worker_threads) or in the main thread. */
  thread(_data: null): 'worker' | 'main' {
    const scope = globalThis as { WorkerGlobalScope?: unknown; process?: { getBuiltinModule?(id: string): { isMainThread?: boolean } } }
    if (typeof scope.WorkerGlobalScope !== 'undefined') return 'worker'
    return scope.process?.getBuiltinModule?.('node:worker_threads').isMainThread === false ? 'worker' : 'main'
  },

  /** Returns its data and the context it ran with, as the worker saw them. */
  echo(data: { value: unknown }, ctx: JobContext) {
    return { value: data.value, id: ctx.id, name: ctx.name, queue: ctx.queue, attempt: ctx.attempt, maxAttempts: ctx.maxAttempts }
  },

  /** Returns what no storage can keep (a function): its settle is refused. */
  unstorableResult(): { callback: () => number } {
    return { callback: () => 1 }
  },

  /** Reads a text Blob (or File; or a string) and returns a new Blob of it in capitals: Blobs in, Blobs out. */
  async upperBlob(data: { file: Blob | string }): Promise<Blob> {
    const text = typeof data.file === 'string' ? data.file : await data.file.text()
    return new Blob([text.toUpperCase()], { type: typeof data.file === 'string' ? 'text/plain' : data.file.type })
  },

  /** Reports each value at once, in one task, and returns: the last report is the handler's last act. */
  reportAndReturn(data: { values: number[] }, ctx: JobContext): number {
    for (const value of data.values) ctx.progress(value)
    return data.values.length
  },

  /** Reports progress 0..100 in `steps` equal steps, then returns how many values it sent. */
  async progress(data: { steps: number }, ctx: JobContext): Promise<number> {
    for (let i = 0; i <= data.steps; i++) {
      ctx.progress(Math.round((i * 100) / data.steps))
      // Yield so that reports are spread over several tasks, as real work would.
      await new Promise((resolve) => setTimeout(resolve, 0))
    }
    return data.steps + 1
  },

  /** Writes each row to the job's log, one after another. */
  async logs(data: { rows: string[] }, ctx: JobContext): Promise<number> {
    for (const row of data.rows) await ctx.log(row)
    return data.rows.length
  },

  /** Reports progress and writes a log row, for the job's own events. */
  async report(data: { steps: number[]; row: string }, ctx: JobContext): Promise<string> {
    for (const step of data.steps) ctx.progress(step)
    await ctx.log(data.row)
    return 'reported'
  },

  /** Fails its first `failures` attempts, then returns the attempt that succeeded. */
  flaky(data: { failures: number }, ctx: JobContext): number {
    if (ctx.attempt <= data.failures) throw new Error(`attempt ${ctx.attempt} failed`)
    return ctx.attempt
  },

  /** Fails the first time this thread runs the job id, succeeds after: for `retry()` of a failed job. */
  failsOnce(_data: Record<string, never>, ctx: JobContext): { attempt: number; runs: number } {
    const runs = (runsById.get(ctx.id) ?? 0) + 1
    runsById.set(ctx.id, runs)
    if (runs === 1) throw new Error('first run fails')
    return { attempt: ctx.attempt, runs }
  },

  /** Fails with `UnrecoverableError`, imported from `docket/worker` as a user would. */
  unrecoverable(data: { message: string }): never {
    throw new UnrecoverableError(data.message)
  },

  /** Always fails, with an error class of its own. */
  fail(data: { message: string }): never {
    throw new BadInputError(data.message)
  },

  /** Waits `ms`, or rejects as soon as its signal aborts. */
  async sleep(data: { ms: number }, ctx: JobContext): Promise<number> {
    await sleep(data.ms, ctx.signal)
    return data.ms
  },

  /** Records when it ran, by the clock of the thread it ran in, holding its slot for `ms`. */
  async stamp(data: { ms: number; tag?: string }, ctx: JobContext): Promise<{ tag?: string; start: number; end: number }> {
    const start = Date.now()
    await sleep(data.ms, ctx.signal)
    return { ...(data.tag === undefined ? {} : { tag: data.tag }), start, end: Date.now() }
  },

  /** Like `stamp`, but holds its slot from its `started` note until the test releases it. */
  async heldStamp(data: Tagged, ctx: JobContext): Promise<{ tag: string; start: number; end: number }> {
    const start = Date.now()
    postNote(data, ctx, 'started')
    await whenReleased(data, ctx.signal)
    return { tag: data.tag, start, end: Date.now() }
  },

  /** Notes that it ran, then returns its tag. */
  record(data: Tagged, ctx: JobContext): string {
    postNote(data, ctx, 'ran')
    return data.tag
  },

  /**
   * Notes `started`, then waits for the test to release it, honouring its signal: an abort
   * rejects at once with the signal's reason. Once released it fails with `fail`, if given.
   */
  async gate(data: Tagged & { fail?: string }, ctx: JobContext): Promise<{ tag: string; attempt: number }> {
    postNote(data, ctx, 'started')
    await whenReleased(data, ctx.signal)
    postNote(data, ctx, 'finished')
    if (data.fail !== undefined) throw new Error(data.fail)
    return { tag: data.tag, attempt: ctx.attempt }
  },

  /** Ignores its signal without blocking: notes `started`, waits for the test's release, notes `finished`. */
  async ignore(data: Tagged, ctx: JobContext): Promise<string> {
    postNote(data, ctx, 'started')
    await whenReleased(data)
    postNote(data, ctx, 'finished')
    return 'finished'
  },

  /** Ignores its signal: notes `started`, then blocks its thread for `ms`. Only terminating its worker stops it. */
  busy(data: Tagged & { ms: number }, ctx: JobContext): string {
    postNote(data, ctx, 'started')
    const end = Date.now() + data.ms
    while (Date.now() < end) {
      // Spin: a handler that never yields and never looks at its signal.
    }
    postNote(data, ctx, 'finished')
    return 'finished'
  },

  /** Attempt 1 waits until its signal aborts (a timeout) and rethrows; later attempts return their number. */
  async slowFirst(_data: Record<string, never>, ctx: JobContext): Promise<number> {
    if (ctx.attempt === 1) await untilAborted(ctx.signal)
    return ctx.attempt
  },

  /** Flows: its `n` plus the totals of its prerequisites, with the refs that `ctx.dependencies` held. */
  sum(data: { n: number }, ctx: JobContext): { total: number; refs: string[] } {
    const results = ctx.dependencies as Record<string, { total: number } | undefined>
    const total = Object.values(results).reduce((sum, result) => sum + (result?.total ?? 0), data.n)
    return { total, refs: Object.keys(results).sort() }
  },

  ...stepJobs,
}

/** The job map that types the test queues. */
export type Jobs = typeof jobs
