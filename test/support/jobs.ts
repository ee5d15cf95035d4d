// The job handlers of the queue tests. They live apart from `jobs.worker.ts` so that a test can
// run them inline (`handlers: jobs`) without calling `serveJobs` in the test's own thread.
import type { JobContext } from 'docket/worker'

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

/** The handlers: each one is small and shows one thing a test asks of a job. */
export const jobs = {
  /** Returns its input doubled. */
  double(data: { n: number }): number {
    return data.n * 2
  },

  /** Says whether it ran in a worker (Web Worker or worker_threads) or in the main thread. */
  thread(_data: null): 'worker' | 'main' {
    const g = globalThis as { WorkerGlobalScope?: unknown; process?: { getBuiltinModule?(id: string): { isMainThread?: boolean } } }
    if (typeof g.WorkerGlobalScope !== 'undefined') return 'worker'
    return g.process?.getBuiltinModule?.('node:worker_threads').isMainThread === false ? 'worker' : 'main'
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

  /** Fails its first `failures` attempts, then returns the attempt that succeeded. */
  flaky(data: { failures: number }, ctx: JobContext): number {
    if (ctx.attempt <= data.failures) throw new Error(`attempt ${ctx.attempt} failed`)
    return ctx.attempt
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
}

/** The job map that types the test queues. */
export type Jobs = typeof jobs
