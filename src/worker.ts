/**
 * The `docket/worker` entry: serve job handlers from a Web Worker or a Node `worker_threads`
 * worker. Nothing here touches a global at import time.
 * @module
 */
import { expose, type Endpoint } from 'comlink'
import { fromErrorData, ValidationError } from './errors.js'
import { executeJob, type ErrorShape, type RunHooks, type RunOutcome, type RunRequest } from './execute-job.js'
import { isNodePort, nodeEndpoint } from './node-endpoint.js'
import type { JobHandlers } from './types.js'

export type { JobContext } from './types.js'

/** The page's callbacks for a worker, given once per worker; calls name the job they are about. */
export interface WorkerHooks {
  progress(id: string, value: unknown): void
  log(id: string, row: unknown): Promise<void>
}

/** What a worker exposes to the scheduler's pool (through Comlink). */
export interface WorkerApi {
  /** Hands the worker the page's callbacks, once: one channel per worker, not one per job. */
  connect(hooks: WorkerHooks): void
  run(request: RunRequest): Promise<RunOutcome>
  /** Aborts the signal of a running attempt with the given reason. */
  abort(id: string, reason: ErrorShape): void
}

function defaultEndpoint(): Endpoint {
  const g = globalThis as unknown as Partial<Endpoint> & {
    process?: { getBuiltinModule?: (id: string) => { parentPort?: unknown } | undefined }
  }
  if (typeof g.postMessage === 'function' && typeof g.addEventListener === 'function') return g as Endpoint
  // In Node, `parentPort` is found without importing `node:worker_threads` at load time.
  const port = g.process?.getBuiltinModule?.('node:worker_threads')?.parentPort
  if (isNodePort(port)) return nodeEndpoint(port)
  throw new ValidationError('serveJobs() found no endpoint: call it inside a Web Worker or a Node worker, or pass `endpoint`')
}

/**
 * Serves job handlers to the scheduler, inside a worker.
 * @param handlers the job map: each handler gets `(data, ctx)` and returns the result.
 * @param endpoint where to serve: defaults to the worker's own scope (`self`, or Node's `parentPort`).
 * @example
 * export const jobs = { async resize(data: { url: string }, ctx: JobContext) { ctx.progress(50); return 1 } }
 * export type Jobs = typeof jobs
 * serveJobs(jobs)
 */
export function serveJobs(handlers: JobHandlers, endpoint?: Endpoint): void {
  if (!handlers || typeof handlers !== 'object') {
    throw new ValidationError(`Expected \`handlers\` to be an object of job functions, got ${handlers === null ? 'null' : typeof handlers}`)
  }
  const controllers = new Map<string, AbortController>()
  let page: WorkerHooks | undefined
  const api: WorkerApi = {
    connect(hooks) {
      page = hooks
    },
    async run(request) {
      const controller = new AbortController()
      controllers.set(request.id, controller)
      // Progress crosses on the hooks' port, the outcome on the worker's, and two ports keep no
      // order with each other (Chromium, Firefox, WebKit and Node all delivered the outcome of a
      // handler that reported and returned first): the outcome waits until the page took each report.
      // (A log row needs no such wait: `ctx.log()` resolves only once the page has stored it.)
      const reports = new Set<Promise<unknown>>()
      const hooks: RunHooks = {
        progress: (value) => {
          const taken = Promise.resolve(page?.progress(request.id, value)).catch(() => undefined)
          reports.add(taken)
          void taken.then(() => reports.delete(taken))
        },
        log: async (row) => page?.log(request.id, row),
      }
      try {
        return await executeJob(handlers, request, hooks, controller.signal)
      } finally {
        controllers.delete(request.id)
        await Promise.all(reports)
      }
    },
    abort(id, reason) {
      controllers.get(id)?.abort(fromErrorData(reason))
    },
  }
  expose(api, endpoint ?? defaultEndpoint())
}
