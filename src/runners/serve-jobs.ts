import { expose, type Endpoint } from 'comlink'
import { ValidationError } from '../errors.js'
import { fromErrorData } from '../job/error-data.js'
import { executeJob, type RunHooks } from './execute-job.js'
import type { JobHandlers } from './handlers.js'
import { isNodePort, nodeEndpoint } from './node-endpoint.js'
import type { WorkerApi, WorkerHooks } from './protocol.js'

function defaultEndpoint(): Endpoint {
  const scope = globalThis as unknown as Partial<Endpoint> & {
    process?: { getBuiltinModule?: (id: string) => { parentPort?: unknown } | undefined }
  }
  if (typeof scope.postMessage === 'function' && typeof scope.addEventListener === 'function') return scope as Endpoint
  // In Node, `parentPort` is found without importing `node:worker_threads` at load time.
  const port = scope.process?.getBuiltinModule?.('node:worker_threads')?.parentPort
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
      const hooks: RunHooks = {
        progress: (value) => void page?.progress(request.id, value),
        log: async (row) => page?.log(request.id, row),
      }
      try {
        return await executeJob(handlers, request, hooks, controller.signal)
      } finally {
        controllers.delete(request.id)
      }
    },
    abort(id, reason) {
      controllers.get(id)?.abort(fromErrorData(reason))
    },
  }
  expose(api, endpoint ?? defaultEndpoint())
}
