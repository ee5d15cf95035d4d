// The service worker under test: a queue with inline handlers on the database the pages use.
// Served by Vite's dev server as a module service worker, or built by Vite as the README says
// (sw-build.ts). `?nosync` hides Background Sync from docket, so the fallback (drain on start-up
// and on a page's message) is what runs.
import { createQueue, indexedDBStorage, type JobContext } from 'docket'
import { serveQueueInServiceWorker, type ServiceWorkerScopeLike } from 'docket/service-worker'
import { DB_NAME, type Probe } from './shared.js'

// The service worker types (lib "WebWorker") clash with "DOM": the little used here is declared.
interface ExtendableEvent {
  waitUntil(promise: Promise<unknown>): void
}
interface ExtendableMessageEvent extends ExtendableEvent {
  data: unknown
  source: { postMessage(message: unknown): void } | null
}
interface Scope extends ServiceWorkerScopeLike {
  location: Location
  skipWaiting(): Promise<void>
  clients: { claim(): Promise<void> }
  registration: ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void>; getTags(): Promise<string[]> } }
}

const sw = self as unknown as Scope
const noSync = new URL(sw.location.href).searchParams.has('nosync')
const seen: string[] = []
const errors: string[] = []

const handlers = {
  async upload(data: { body: string }, ctx: JobContext) {
    ctx.progress(50)
    // A real request: it fails while the browser is offline.
    const response = await fetch(`/test/e2e/sw/page.html?upload=${encodeURIComponent(data.body)}`, { cache: 'no-store' })
    ctx.progress(100)
    return { status: response.status, by: 'service-worker' }
  },
  local(data: { n: number }) {
    return data.n * 2
  },
  /** A flow's last step: the sum of its prerequisites' results. */
  sum(_data: null, ctx: JobContext) {
    return Object.values(ctx.dependencies).reduce((total: number, result) => total + (result as number), 0)
  },
  /** Durable steps, each stored once. */
  async twoSteps(data: { n: number }, ctx: JobContext) {
    const a = await ctx.step('a', () => data.n + 1)
    const b = await ctx.step('b', () => a * 10)
    return b
  },
  /**
   * Hangs on its first run, so that the test can stop the worker in the middle of it. The run is
   * remembered in Cache Storage, which outlives the stopped worker (its globals do not).
   */
  async hangOnce(_data: null, ctx: JobContext) {
    const runs = await caches.open('hang-once')
    if (!(await runs.match(`/${ctx.id}`))) {
      await runs.put(`/${ctx.id}`, new Response('ran'))
      await new Promise(() => {})
    }
    return `attempt ${ctx.attempt}, second run`
  },
}
export type SwJobs = typeof handlers

const queue = createQueue({
  storage: indexedDBStorage({ name: DB_NAME }),
  concurrency: 2,
  // Short leases: a run killed with the worker is recovered within a second.
  leaseDuration: 600,
  handlers,
})

queue.on('error', ({ error }) => void errors.push(`${error.name}: ${error.message}`))

serveQueueInServiceWorker(queue, noSync ? {
  scope: {
    addEventListener: (type, fn) => sw.addEventListener(type, fn),
    removeEventListener: (type, fn) => sw.removeEventListener(type, fn),
    registration: {},
  },
} : {})

sw.addEventListener('install', (event: ExtendableEvent) => event.waitUntil(sw.skipWaiting()))
sw.addEventListener('activate', (event: ExtendableEvent) => event.waitUntil(sw.clients.claim()))
for (const type of ['online', 'offline', 'sync']) sw.addEventListener(type, (e: { tag?: string }) => seen.push(e.tag ? `${type}:${e.tag}` : type))

/** Calls the queue for a page, answering with the outcome (an error as its message). */
function answer(event: ExtendableMessageEvent, id: string | undefined, run: () => Promise<unknown>): void {
  event.waitUntil(run().then(
    (value) => event.source?.postMessage({ type: 'answer', id, ok: true, value }),
    (error: Error) => event.source?.postMessage({ type: 'answer', id, ok: false, error: `${error.name}: ${error.message}` }),
  ))
}

// Test probes: what this worker sees of the network and of Background Sync; jobs, flows and
// schedules it adds itself.
sw.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data = event.data as { type?: string; id?: string; name?: keyof SwJobs; data?: unknown; args?: unknown[] } | undefined
  if (data?.type === 'add') {
    event.waitUntil(queue.add(data.name!, data.data as never).then((job) => event.source?.postMessage({ type: 'added', id: data.id, jobId: job.id })))
  }
  if (data?.type === 'upsertScheduler') {
    answer(event, data.id, () => queue.upsertScheduler(...(data.args as Parameters<typeof queue.upsertScheduler>)))
  }
  if (data?.type === 'addFlow') {
    answer(event, data.id, async () => {
      const jobs = await queue.addFlow(data.args![0] as Parameters<typeof queue.addFlow>[0])
      return Object.fromEntries(Object.entries(jobs).map(([ref, job]) => [ref, (job as { id: string }).id]))
    })
  }
  if (data?.type === 'health') answer(event, data.id, async () => (await queue.health()).stuck)
  if (data?.type !== 'probe') return
  event.waitUntil((async () => {
    const tags = (await sw.registration.sync?.getTags()) ?? null
    const probe: Probe = { onLine: navigator.onLine, hasSync: 'sync' in sw.registration, tags, seen, errors }
    event.source?.postMessage({ type: 'probe', id: data.id, ...probe })
  })())
})
