// The service worker of the outbox e2e: docket's outbox (delivering, woken as
// serveQueueInServiceWorker wakes it) and, beside it, workbox-background-sync's Queue used as
// its BackgroundSyncPlugin uses it: a request whose fetch fails is pushed, `replayRequests` sends.
import { indexedDBStorage, serveQueueInServiceWorker } from 'docket'
import { createOutbox } from 'docket/outbox'
import { Queue } from 'workbox-background-sync'
import { DB_NAME, makeBody, type BodyKind } from './shared'

interface ExtendableMessageEvent {
  data: { type: string; url?: string; kind?: BodyKind; text?: string; key?: string }
  ports: MessagePort[]
  waitUntil(promise: Promise<unknown>): void
}
interface Scope {
  addEventListener(type: string, listener: (event: any) => void): void
  skipWaiting(): Promise<void>
  clients: { claim(): Promise<void> }
}
const sw = self as unknown as Scope

const outbox = createOutbox({ storage: indexedDBStorage({ name: DB_NAME }), defaults: { backoff: { type: 'fixed', delay: 100 } } })
serveQueueInServiceWorker(outbox.queue)
// Background Sync off: workbox replays when the test asks (and at start-up), as it does in
// Firefox and Safari, which lack it; otherwise a sync-driven replay races the test's reading.
const workbox = new Queue('outbox-e2e', { forceSyncFallback: true })
// As workbox ships by default (Background Sync where the browser has it), for offline → online.
const workboxSync = new Queue('outbox-e2e-sync')

function workboxRequest(url: string, kind: BodyKind, text: string, key: string): Request {
  return new Request(url, { method: 'POST', headers: { 'idempotency-key': key }, body: makeBody(kind, text) })
}

/** What the BackgroundSyncPlugin does: fetch; a network failure pushes the request to `queue`. */
async function sendThroughPlugin(queue: Queue, { url, kind, text, key }: ExtendableMessageEvent['data']): Promise<unknown> {
  const request = workboxRequest(url!, kind!, text!, key!)
  try {
    return { status: (await fetch(request.clone())).status }
  } catch {
    await queue.pushRequest({ request })
    return { queued: true }
  }
}

// Replies carry `failed`, never `error`: WebDriver classic reads a returned `{ error }` as its own.
const handlers: Record<string, (data: ExtendableMessageEvent['data']) => Promise<unknown>> = {
  /** The BackgroundSyncPlugin's path: fetch; a network failure pushes the request. */
  'wb-send': (data) => sendThroughPlugin(workbox, data),
  /** What the plugin does after a failed fetch, directly. */
  async 'wb-push'({ url, kind, text, key }) {
    try {
      await workbox.pushRequest({ request: workboxRequest(url!, kind!, text!, key!) })
      return { queued: true }
    } catch (error) {
      return { failed: String((error as Error)?.message ?? error) }
    }
  },
  async 'wb-replay'() {
    try {
      await workbox.replayRequests()
      return { ok: true }
    } catch (error) {
      return { failed: String((error as Error)?.message ?? error) }
    }
  },
  /** The same on the queue as workbox ships by default. */
  'wbs-send': (data) => sendThroughPlugin(workboxSync, data),
  async 'wb-size'() {
    return { size: (await workbox.getAll()).length }
  },
}

sw.addEventListener('install', (event: ExtendableMessageEvent) => event.waitUntil(sw.skipWaiting()))
sw.addEventListener('activate', (event: ExtendableMessageEvent) => event.waitUntil(sw.clients.claim()))
sw.addEventListener('message', (event: ExtendableMessageEvent) => {
  const handler = handlers[event.data?.type]
  if (!handler) return
  event.waitUntil(handler(event.data).then((reply) => event.ports[0]?.postMessage(reply)))
})
