// The page of the outbox e2e: its outbox sends (the service worker delivers, unless `?deliver`
// has the page deliver too), it hears every response, and it asks the service worker to run
// workbox's side. `throughput` times 1,000 POSTs through an outbox against plain fetch.
import { indexedDBStorage } from 'docket'
import { createOutbox, responseText } from 'docket/outbox'
import { DB_NAME, makeBody, type BodyKind } from './shared'

const deliver = new URLSearchParams(location.search).has('deliver')
const outbox = createOutbox({ storage: indexedDBStorage({ name: DB_NAME }), autostart: deliver, defaults: { backoff: { type: 'fixed', delay: 100 } } })
const ready = navigator.serviceWorker.register('/test/e2e/outbox/sw.ts', { type: 'module' }).then(() => navigator.serviceWorker.ready)

/** Posts to the service worker (starting it if stopped) and resolves with its reply. */
async function ask<T>(message: Record<string, unknown>): Promise<T> {
  const worker = (await ready).active!
  const channel = new MessageChannel()
  return new Promise<T>((resolve) => {
    channel.port1.onmessage = (event) => resolve(event.data as T)
    worker.postMessage(message, [channel.port2])
  })
}

async function drainInWorker(): Promise<void> {
  ;(await ready).active!.postMessage({ type: 'docket:drain' })
}

/** `concurrency` at a time, each call of `task` once per index. */
async function pool(n: number, concurrency: number, task: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) await task(next++)
  }))
}

const api = {
  ready: ready.then(() => true),
  /** Sends through docket's outbox; resolves to the job id once stored. */
  async send(url: string, kind: BodyKind, text: string): Promise<string> {
    const job = await outbox.send({ url, method: 'POST', body: makeBody(kind, text) })
    await drainInWorker()
    return job.id
  },
  /** The job's response (status and body length) or its error, once it settles. */
  async result(id: string): Promise<{ status?: number; length?: number; failed?: string }> {
    const job = await outbox.queue.get(id)
    try {
      const response = await job!.waitForResult()
      return { status: response.status, length: response.body.byteLength }
    } catch (error) {
      return { failed: String((error as Error).message) }
    }
  },
  async stored(id: string): Promise<number> {
    return ((await outbox.queue.get(id))?.data.body?.byteLength) ?? -1
  },
  drain: drainInWorker,
  /** Posts to the service worker without waiting for a reply (one it may never send: it is about to be stopped). */
  async post(type: string, url = '', kind: BodyKind = 'text', text = '', key = ''): Promise<void> {
    ;(await ready).active!.postMessage({ type, url, kind, text, key })
  },
  workbox: (type: string, url = '', kind: BodyKind = 'text', text = '', key = ''): Promise<Record<string, unknown>> => ask({ type, url, kind, text, key }),
  /** Milliseconds for n POSTs, `concurrency` at a time: plain fetch, then an outbox delivering in this page. */
  async throughput(url: string, n: number, concurrency: number): Promise<{ fetchMs: number; outboxMs: number; text: string }> {
    const t0 = performance.now()
    await pool(n, concurrency, async (index) => (await fetch(url, { method: 'POST', body: `{"i":${index}}` })).arrayBuffer())
    const fetchMs = performance.now() - t0
    const fast = createOutbox({ storage: indexedDBStorage({ name: `${DB_NAME}-throughput-${Date.now()}` }), concurrency })
    // Delivered: counted from the completed events, as an app that sends and moves on hears them.
    let completed = 0
    const allDelivered = new Promise<void>((resolve) => fast.queue.on('completed', () => {
      if (++completed === n) resolve()
    }))
    const t1 = performance.now()
    const jobs = await Promise.all(Array.from({ length: n }, (_, index) => fast.send({ url, method: 'POST', body: `{"i":${index}}` })))
    await allDelivered
    const outboxMs = performance.now() - t1
    const last = [await jobs[0]!.waitForResult()]
    await fast.close()
    return { fetchMs, outboxMs, text: responseText(last[0]!) }
  },
}
;(globalThis as { outboxTest?: typeof api }).outboxTest = api
export type OutboxPageApi = typeof api
