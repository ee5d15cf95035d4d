// The service worker: it runs the jobs that the pages add, with inline handlers (a service
// worker cannot start Web Workers in most browsers), on the database the pages share.
import { createQueue, indexedDBStorage } from 'docket'
import { serveQueueInServiceWorker } from 'docket/service-worker'
import { DB_NAME, jobs } from './jobs'

declare const self: {
  skipWaiting(): Promise<void>
  clients: { claim(): Promise<void> }
  addEventListener(type: string, listener: (event: { waitUntil(p: Promise<unknown>): void }) => void): void
}

const queue = createQueue({ handlers: jobs, storage: indexedDBStorage({ name: DB_NAME }) })

// Drains at start-up, on a page's `docket:drain` message and, with Background Sync, in the
// `sync` event it registers when jobs wait offline.
serveQueueInServiceWorker(queue)

self.addEventListener('install', (event) => event.waitUntil(self.skipWaiting()))
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()))
