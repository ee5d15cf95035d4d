import { expose, wrap, type Endpoint, type Remote } from 'comlink'
import { ValidationError } from '../errors.js'
import { fromErrorData } from '../job/error-data.js'
import { executeJob, type RunHooks } from './execute-job.js'
import type { JobHandlers } from './handlers.js'
import { isNodePort, nodeEndpoint, type NodeMessagePort } from './node-endpoint.js'
import type { WorkerApi, WorkerHooks } from './protocol.js'

type Scope = Partial<Endpoint> & {
  process?: { versions?: { node?: string }; getBuiltinModule?: (id: string) => { parentPort?: unknown } | undefined }
}

function parentPortEndpoint(port: unknown): Endpoint {
  if (!isNodePort(port)) throw new ValidationError('serveJobs() found no endpoint: call it inside a Web Worker or a Node worker, or pass `endpoint`')
  return nodeEndpoint(port)
}

/**
 * The worker's own endpoint: `self` in a Web Worker, `parentPort` in a Node worker. Node found
 * without importing `node:worker_threads` at load time: `process.getBuiltinModule` where it
 * exists (Node ≥ 20.16), else a dynamic import that bundlers leave alone.
 */
function ownEndpoint(): Endpoint | Promise<Endpoint> {
  const scope = globalThis as unknown as Scope
  if (typeof scope.postMessage === 'function' && typeof scope.addEventListener === 'function') return scope as Endpoint
  const builtin = scope.process?.getBuiltinModule
  if (builtin) return parentPortEndpoint(builtin('node:worker_threads')?.parentPort)
  if (scope.process?.versions?.node) {
    const specifier = 'node:worker_threads'
    return import(/* @vite-ignore */ specifier).then((threads: { parentPort?: unknown }) => parentPortEndpoint(threads.parentPort))
  }
  return parentPortEndpoint(undefined)
}

/**
 * Serves job handlers to the scheduler, inside a worker.
 * @param handlers the job map: each handler gets `(data, ctx)` and returns the result.
 * @param endpoint where to serve: a Comlink endpoint or Node's `parentPort`; defaults to the worker's
 *   own scope (`self`, or Node's `parentPort`).
 * @example
 * export const jobs = { async resize(data: { url: string }, ctx: JobContext) { ctx.progress(50); return 1 } }
 * export type Jobs = typeof jobs
 * serveJobs(jobs)
 */
export function serveJobs(handlers: JobHandlers, endpoint?: Endpoint | NodeMessagePort): void {
  if (!handlers || typeof handlers !== 'object') {
    throw new ValidationError(`Expected \`handlers\` to be an object of job functions, got ${handlers === null ? 'null' : typeof handlers}`)
  }
  const controllers = new Map<string, AbortController>()
  // Each call on the page's hooks resolves once the page has run it.
  let page: Remote<WorkerHooks> | undefined
  const api: WorkerApi = {
    connect(hooks) {
      page = wrap<WorkerHooks>(hooks)
    },
    async run(request) {
      const controller = new AbortController()
      controllers.set(request.id, controller)
      // Progress and logs travel on channels of their own, which Node does not order against the
      // outcome's: the outcome waits until the page has taken every one of them.
      const sent = new Set<Promise<unknown>>()
      const send = <T>(call: Promise<T> | undefined): Promise<T | undefined> => {
        if (!call) return Promise.resolve(undefined)
        const tracked = call.finally(() => sent.delete(tracked))
        sent.add(tracked)
        return tracked
      }
      const hooks: RunHooks = {
        progress: (value) => void send(page?.progress(request.id, value)).catch(() => undefined),
        log: async (row) => void (await send(page?.log(request.id, row))),
        // Unlike a log row, a step must not pass for stored when it was not.
        step: async (name, result) => {
          if (!page) throw new Error(`Step "${name}" could not be stored: the worker is not connected to its queue`)
          await send(page.step(request.id, name, result))
        },
      }
      try {
        const outcome = await executeJob(handlers, request, hooks, controller.signal)
        await Promise.allSettled([...sent])
        return outcome
      } finally {
        controllers.delete(request.id)
      }
    },
    abort(id, reason) {
      controllers.get(id)?.abort(fromErrorData(reason))
    },
  }
  const target = endpoint === undefined ? ownEndpoint() : isNodePort(endpoint) ? nodeEndpoint(endpoint) : endpoint
  if (target instanceof Promise) void target.then((resolved) => expose(api, resolved))
  else expose(api, target)
}
