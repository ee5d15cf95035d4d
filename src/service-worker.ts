/**
 * The `docket/service-worker` entry: run a queue inside a service worker, woken by start-up,
 * `online`, a page's message and Background Sync.
 * @module
 */
export {
  serveQueueInServiceWorker, type ServiceWorkerQueueOptions, type ServedQueue, type ServiceWorkerScopeLike,
} from './service-worker/serve-queue-in-service-worker.js'
