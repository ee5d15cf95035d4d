/**
 * One tab of the fault suite: a queue on the database named by `?db=`, with its own worker
 * pool, exposed on `window.faults`. Query: db, page, concurrency, lease, grace, autostart=0.
 */
import { createQueue, indexedDBStorage, type Job } from 'docket'
import type { Jobs } from './faults.worker'
import { readRuns } from './runs'
import type { JobSnapshot, TabApi, TabEvent } from './tab-api'

const params = new URLSearchParams(location.search)
const db = params.get('db') ?? 'faults'
const page = params.get('page') ?? 'tab'
const num = (key: string): number | undefined => (params.has(key) ? Number(params.get(key)) : undefined)
const clock = (): number => performance.timeOrigin + performance.now()

let workers = 0
const queue = createQueue<Jobs>({
  storage: indexedDBStorage({ name: db }),
  worker: () => {
    workers++
    return new Worker(new URL('./faults.worker.ts', import.meta.url), { type: 'module', name: `${db}|${page}` })
  },
  concurrency: num('concurrency') ?? 4,
  leaseDuration: num('lease') ?? 30_000,
  abortGracePeriod: num('grace') ?? 200,
  autostart: params.get('autostart') !== '0',
})

const seen: TabEvent[] = []
let waiters: Array<() => boolean> = []
let freezeKey: string | undefined

for (const event of ['added', 'active', 'progress', 'completed', 'failed', 'stalled', 'error'] as const) {
  queue.on(event, (payload: unknown) => {
    const p = payload as { job?: { id: string }; progress?: unknown; error?: { name: string } }
    seen.push({
      event, at: clock(),
      ...(p.job ? { id: p.job.id } : {}),
      ...(event === 'progress' ? { progress: p.progress } : {}),
      ...(p.error ? { error: p.error.name } : {}),
    })
    if (event === 'active' && freezeKey !== undefined) {
      const key = freezeKey
      freezeKey = undefined
      // After this task, so that the channel has told the other tabs the job is active.
      setTimeout(() => {
        // A frozen tab: no timers, no lease renewal, no settle until the test releases `key`.
        for (;;) {
          const hold = new XMLHttpRequest()
          hold.open('GET', `/__hold?key=${encodeURIComponent(key)}`, false)
          try {
            hold.send()
            if (hold.responseText === 'released') break
          } catch {
            // WebKit at times cuts a long synchronous request short (TimeoutError): ask again,
            // still inside this task, so the tab stays frozen.
          }
        }
      })
    }
    waiters = waiters.filter((done) => !done())
  })
}

function snapshot(job: Job): JobSnapshot {
  return {
    id: job.id, state: job.state, attempts: job.attempts, stalls: job.stalls, result: job.result,
    errors: job.errors.map((e) => e.name),
    ...(job.completedAt !== undefined ? { completedAt: job.completedAt } : {}),
  }
}

const api: TabApi = {
  page,
  async add(name, data, options) {
    const calledAt = clock()
    const job = await queue.add(name, data as never, options)
    return { id: job.id, calledAt }
  },
  async addBulk(count, name, data, options) {
    const jobs = await queue.addBulk(Array.from({ length: count }, () => ({ name, data: data as never, ...(options ? { options } : {}) })))
    return jobs.map((j) => j.id)
  },
  stream(lanes) {
    for (let lane = 0; lane < lanes; lane++) {
      void (async () => {
        for (;;) {
          const job = await queue.add('work', {})
          console.log(`resolved ${job.id}`)
        }
      })()
    }
  },
  until(event, count, id) {
    const done = (): boolean => new Set(seen.filter((e) => e.event === event && (id === undefined || e.id === id)).map((e) => e.id)).size >= count
    if (done()) return Promise.resolve()
    return new Promise((resolve) => waiters.push(() => (done() ? (resolve(), true) : false)))
  },
  events: (event) => seen.filter((e) => event === undefined || e.event === event),
  freezeOnActive(key) {
    freezeKey = key
  },
  start: () => queue.start(),
  whenIdle: () => queue.whenIdle(),
  counts: () => queue.counts(),
  async get(id) {
    const job = await queue.get(id)
    return job && snapshot(job)
  },
  async ids() {
    return (await queue.list({ limit: 1_000_000 })).map((j) => j.id)
  },
  runs: () => readRuns(db),
  workers: () => workers,
}
window.faults = api
