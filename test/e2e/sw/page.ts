/// <reference types="vite/client" />
// The page under test: it registers the service worker, adds jobs, and records the events
// that reach it. Its queue never runs jobs (it is not started): the service worker does.
import { createQueue, indexedDBStorage } from 'docket'
import type { SwJobs } from './sw'
import { DB_NAME, type Probe } from './shared.js'

/** What the service worker answers to a call: its value, or its error as `name: message`. */
interface Answer {
  ok: boolean
  value?: unknown
  error?: string
}

interface Seen {
  event: string
  id: string
  state: string
  progress?: unknown
  result?: unknown
}

const noSync = new URLSearchParams(location.search).has('nosync')
// A producer only: no handlers of its own, and never started.
const queue = createQueue<SwJobs>({ handlers: {} as SwJobs, storage: indexedDBStorage({ name: DB_NAME }), autostart: false })
const events: Seen[] = []
const listeners = new Set<() => void>()

for (const event of ['added', 'active', 'progress', 'completed', 'failed', 'retrying', 'stalled'] as const) {
  queue.on(event, (payload: { job: { id: string; state: string }; progress?: unknown; result?: unknown }) => {
    const { job, ...extra } = payload
    events.push({ event, id: job.id, state: job.state, ...extra })
    for (const fn of listeners) fn()
  })
}

// As the README says: the dev server's copy while developing, the built `/sw.js` otherwise.
const ready = navigator.serviceWorker
  .register(`${import.meta.env.DEV ? '/test/e2e/sw/sw.ts' : '/sw.js'}${noSync ? '?nosync' : ''}`, { type: 'module' })
  .then(() => navigator.serviceWorker.ready)

async function post(message: unknown): Promise<void> {
  ;(await ready).active!.postMessage(message)
}

// Without Background Sync, the page is what notices the network coming back: it wakes the
// service worker, which may have been stopped meanwhile.
if (noSync) addEventListener('online', () => void post({ type: 'docket:drain' }))

let requests = 0
function request<T>(type: string, body: Record<string, unknown> = {}): Promise<T> {
  const id = String(++requests)
  return new Promise((resolve) => {
    const onMessage = (e: MessageEvent): void => {
      if (e.data?.id !== id) return
      navigator.serviceWorker.removeEventListener('message', onMessage)
      resolve(e.data as T)
    }
    navigator.serviceWorker.addEventListener('message', onMessage)
    void post({ type, id, ...body })
  })
}

const api = {
  ready: ready.then(() => true),
  events,
  async add(name: keyof SwJobs, data: unknown, options?: Record<string, unknown>): Promise<string> {
    return (await queue.add(name, data as never, options)).id
  },
  async state(id: string): Promise<string | undefined> {
    return (await queue.get(id))?.state
  },
  /** Resolves once `event` of job `id` has reached this page. */
  event(event: string, id: string): Promise<Seen> {
    return new Promise((resolve) => {
      const check = (): void => {
        const found = events.find((e) => e.event === event && e.id === id)
        if (!found) return
        listeners.delete(check)
        resolve(found)
      }
      listeners.add(check)
      check()
    })
  },
  eventsOf: (id: string): Seen[] => events.filter((e) => e.id === id),
  /** Asks the service worker what it sees. */
  probe: (): Promise<Probe> => request<Probe>('probe'),
  /** Has the service worker add a job itself; resolves to its id. */
  addInWorker: async (name: keyof SwJobs, data: unknown): Promise<string> => (await request<{ jobId: string }>('add', { name, data })).jobId,
  /** Has the service worker upsert a schedule; resolves to the outcome. */
  upsertInWorker: (...args: Parameters<typeof queue.upsertScheduler>): Promise<Answer> => request<Answer>('upsertScheduler', { args }),
  /** Has the service worker add a flow; resolves to the outcome (job ids by ref). */
  addFlowInWorker: (steps: Parameters<typeof queue.addFlow>[0]): Promise<Answer> => request<Answer>('addFlow', { args: [steps] }),
  /** Has the service worker read its queue's health; resolves to the outcome (its `stuck` count). */
  healthInWorker: (): Promise<Answer> => request<Answer>('health'),
  /** Upserts a schedule from this page (whose queue is not started): the service worker's ticks it. */
  async upsertScheduler(...args: Parameters<typeof queue.upsertScheduler>): Promise<string> {
    return (await queue.upsertScheduler(...args)).id
  },
  /** The ids of the jobs made by schedule `id`, as stored. */
  async jobsOfSchedule(id: string): Promise<{ id: string; state: string; result: unknown }[]> {
    return (await queue.list({ limit: 100 })).filter((job) => job.schedule?.id === id).map((job) => ({ id: job.id, state: job.state, result: job.result ?? null }))
  },
  /** Wakes the service worker (started again if it was stopped) and has it drain. */
  drain: (): Promise<void> => post({ type: 'docket:drain' }),
}

;(globalThis as { docketTest?: typeof api }).docketTest = api
export type PageApi = typeof api
