/**
 * The `docket/service-worker` entry: run a queue inside a service worker, woken by start-up,
 * `online`, a page's message and Background Sync, with schedules, flows and durable steps.
 * @module
 */
export { serveQueueInServiceWorker } from './service-worker/serve-with-modules.js'
export type { ServiceWorkerQueueOptions, ServedQueue, ServiceWorkerScopeLike } from './service-worker/serve-queue-in-service-worker.js'
