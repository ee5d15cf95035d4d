/**
 * Serving a queue from a service worker: the pages of the origin add jobs to the shared
 * database, the service worker runs them with inline handlers, and Background Sync (where it
 * exists) brings the worker back to drain jobs that waited for the network.
 * Nothing here touches a global until `serveQueueInServiceWorker` is called.
 * @module
 */
import { DEFAULTS } from '../defaults.js'
import { ValidationError } from '../errors.js'
import { isOnline } from '../coordination/online.js'
import type { Queue } from '../queue/queue.js'

/** An event whose work the browser waits for before it may stop the service worker. */
interface ExtendableEventLike {
  waitUntil(promise: Promise<unknown>): void
}

/** The part of a service worker's global scope that docket uses. */
export interface ServiceWorkerScopeLike {
  addEventListener(type: string, listener: (event: any) => void): void
  removeEventListener(type: string, listener: (event: any) => void): void
  registration?: { sync?: { register(tag: string): Promise<void> } }
}

/** Options of `serveQueueInServiceWorker`. */
export interface ServiceWorkerQueueOptions {
  /** The Background Sync tag docket registers and answers. @default {@link DEFAULTS.syncTag} */
  syncTag?: string
  /** The service worker's global scope. @default globalThis */
  scope?: ServiceWorkerScopeLike
}

/** What `serveQueueInServiceWorker` returns. */
export interface ServedQueue {
  /**
   * Starts the queue, looks for due jobs, and resolves once nothing is due or running here:
   * `true`, or `false` if jobs are still waiting because the runtime is offline.
   */
  drain(): Promise<boolean>
  /** Removes the listeners this call added. */
  dispose(): void
}

/** The `type` of the message a page posts to the service worker to wake it and have it drain. */
const DRAIN_MESSAGE = 'docket:drain'

/**
 * Wires a queue made with inline `handlers` into the service worker's life: it drains due jobs
 * at start-up, on `online`, on a `{ type: 'docket:drain' }` message and, where Background
 * Sync exists, in the `sync` event of its tag (inside `event.waitUntil`, so the browser keeps
 * the worker alive while they run). When the queue falls idle offline with jobs still
 * waiting (`requiresNetwork` ones), it registers that sync, so the browser starts the worker
 * again once the network is back, even if it was stopped meanwhile.
 * A service worker may be stopped after ~30 s without events, or when one event runs for
 * ~5 minutes: a run killed this way is recovered by its lease (`leaseDuration`).
 * @example
 * // sw.ts
 * const queue = createQueue({ handlers: { upload }, storage: indexedDBStorage({ name: 'app' }) })
 * serveQueueInServiceWorker(queue)
 */
export function serveQueueInServiceWorker(queue: Queue<any>, options: ServiceWorkerQueueOptions = {}): ServedQueue {
  if (!queue || typeof queue.whenIdle !== 'function') throw new ValidationError('Expected `queue` to be a queue made by createQueue()')
  const scope = options.scope ?? (globalThis as unknown as ServiceWorkerScopeLike)
  const tag = options.syncTag ?? DEFAULTS.syncTag
  if (typeof tag !== 'string' || !tag) throw new ValidationError(`Expected \`syncTag\` to be a non-empty string, got ${String(tag)}`)
  if (typeof scope?.addEventListener !== 'function') throw new ValidationError('Expected `scope` to be a service worker global scope')

  let registering = false

  async function waitingOffline(): Promise<boolean> {
    if (isOnline()) return false
    // One index row, not counts(): Chromium counts by walking every stored job.
    return (await queue.list({ state: 'waiting', limit: 1 })).length > 0
  }

  async function drain(): Promise<boolean> {
    await queue.start()
    await queue.whenIdle()
    return !(await waitingOffline())
  }

  /** Asks the browser for a sync once the network is back; needs jobs that wait for it. */
  async function registerSync(): Promise<void> {
    const sync = scope.registration?.sync
    if (!sync || registering) return
    registering = true
    try {
      if (await waitingOffline()) await sync.register(tag)
    } catch {
      // No permission or no active registration: draining on start-up and `online` still holds.
    } finally {
      registering = false
    }
  }

  const onIdle = (): void => {
    if (!isOnline()) void registerSync()
  }
  const onSync = (event: ExtendableEventLike & { tag?: string }): void => {
    if (event.tag !== tag) return
    // Rejecting tells the browser to fire the sync again later, with its own backoff.
    event.waitUntil(drain().then((done) => {
      if (!done) throw new Error('docket: jobs are still waiting for the network')
    }))
  }
  const onMessage = (event: ExtendableEventLike & { data?: { type?: unknown } }): void => {
    if (event.data?.type === DRAIN_MESSAGE) event.waitUntil(drain())
  }
  const onOnline = (): void => void drain().catch(() => undefined)

  queue.on('idle', onIdle)
  scope.addEventListener('sync', onSync)
  scope.addEventListener('message', onMessage)
  scope.addEventListener('online', onOnline)
  void drain().catch(() => undefined)

  return {
    drain,
    dispose() {
      queue.off('idle', onIdle)
      scope.removeEventListener('sync', onSync)
      scope.removeEventListener('message', onMessage)
      scope.removeEventListener('online', onOnline)
    },
  }
}
