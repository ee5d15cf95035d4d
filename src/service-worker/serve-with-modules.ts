/**
 * `serveQueueInServiceWorker` as `docket/service-worker` exports it: with the modules that
 * docket otherwise loads on first use (schedules, croner, flows, durable steps, health) imported
 * statically and provided to every queue of the worker. A service worker may not `import()`
 * ("import() is disallowed on ServiceWorkerGlobalScope"), and a bundler's preload helper for
 * one reads `document` or `window`; pages, which import `docket` alone, still load them lazily.
 * @module
 */
import * as croner from 'croner'
import * as planFlow from '../flows/plan-flow.js'
import { provideModules } from '../lazy/lazy-import.js'
import * as health from '../queue/health.js'
import type { Queue } from '../queue/queue.js'
import * as schedulers from '../schedules/schedulers.js'
import * as durableSteps from '../steps/durable-steps.js'
import { serveQueueInServiceWorker as serve, type ServedQueue, type ServiceWorkerQueueOptions } from './serve-queue-in-service-worker.js'

const provide = (): void => provideModules({ croner, planFlow, schedulers, durableSteps, health })

// At evaluation too, before the worker's script creates its queue: a schedule stored in the
// database starts ticking as soon as the queue reads it, which may be before this call.
provide()

/**
 * Wires a queue made with inline `handlers` into the service worker's life: it drains due jobs
 * at start-up, on `online`, on a `{ type: 'docket:drain' }` message and, where Background
 * Sync exists, in the `sync` event of its tag (inside `event.waitUntil`, so the browser keeps
 * the worker alive while they run). When the queue falls idle offline with jobs still
 * waiting (`requiresNetwork` ones), it registers that sync, so the browser starts the worker
 * again once the network is back, even if it was stopped meanwhile.
 * Schedules, flows and durable steps work in the worker: this entry provides their code,
 * which a service worker may not `import()` on first use as a page does.
 * A service worker may be stopped after ~30 s without events, or when one event runs for
 * ~5 minutes: a run killed this way is recovered by its lease (`leaseDuration`).
 * @example
 * // sw.ts
 * import { serveQueueInServiceWorker } from 'docket/service-worker'
 * const queue = createQueue({ handlers: { upload }, storage: indexedDBStorage({ name: 'app' }) })
 * serveQueueInServiceWorker(queue)
 */
export function serveQueueInServiceWorker(queue: Queue<any>, options: ServiceWorkerQueueOptions = {}): ServedQueue {
  provide()
  return serve(queue, options)
}
