/**
 * A service worker (workbox's home) that times `workbox-background-sync`'s `Queue`:
 * `pushRequest` of n requests one by one, then `shiftRequest` until empty. `forceSyncFallback`
 * keeps it from registering Background Sync; the IndexedDB work is what it always does.
 */
import { Queue } from 'workbox-background-sync'

interface MessageLike { data: { n: number }; ports: MessagePort[]; waitUntil(p: Promise<unknown>): void }
interface WorkerScope {
  addEventListener(type: 'install' | 'activate' | 'message', listener: (event: MessageLike) => void): void
  skipWaiting(): Promise<void>
  clients: { claim(): Promise<void> }
}
const scope = self as unknown as WorkerScope

let queues = 0

async function run(n: number): Promise<{ push: number; shift: number; pushShift: number }> {
  const queue = new Queue(`bench-${Date.now()}-${queues++}`, { forceSyncFallback: true, onSync: async () => {} })
  const requests = Array.from({ length: n }, (_, i) => new Request(`${location.origin}/api/noop`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ i, url: `https://example.com/item/${i}` }),
  }))
  const t0 = performance.now()
  for (const request of requests) await queue.pushRequest({ request })
  const t1 = performance.now()
  for (let i = 0; i < n; i++) if (!(await queue.shiftRequest())) throw new Error(`workbox: entry ${i} of ${n} missing`)
  const t2 = performance.now()
  if (await queue.shiftRequest()) throw new Error('workbox: more entries than pushed')
  return { push: (n * 1000) / (t1 - t0), shift: (n * 1000) / (t2 - t1), pushShift: (n * 1000) / (t2 - t0) }
}

scope.addEventListener('install', () => void scope.skipWaiting())
scope.addEventListener('activate', (event) => event.waitUntil(scope.clients.claim()))
scope.addEventListener('message', (event) => {
  const [port] = event.ports
  event.waitUntil(run(event.data.n).then(
    (result) => port?.postMessage({ result }),
    (error: unknown) => port?.postMessage({ error: String((error as Error)?.stack ?? error) }),
  ))
})
