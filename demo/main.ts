/**
 * The docket dashboard: live counts, a jobs table, a job's detail and scenarios that add work.
 * Views change on the queue's events (this tab's and, through docket's BroadcastChannel, every
 * other tab's); storage is read again at most every REFRESH_GAP ms (less often when reads get
 * slow), whatever the event rate.
 */
import type { ErrorData, Job, JobState } from 'docket'
import { activityFeed } from './activity-feed'
import { burstMeter } from './burst-meter'
import { customJobForm } from './custom-job'
import { DEMO_QUEUES, openDemoQueue } from './demo-queue'
import { byId } from './dom'
import { clock, count, duration, shortId } from './format'
import { jobDetail, type DetailAction } from './job-detail'
import { jobsTable } from './jobs-table'
import { onlineIndicator } from './online-indicator'
import { queuesView } from './queues-view'
import { scenarioButtons } from './scenarios'
import { stateCounts } from './state-counts'
import { throughputMeter } from './throughput'
import { toasts } from './toasts'

const PAGE_SIZE = 15
const REFRESH_GAP = 200

const queue = openDemoQueue()
const view = { state: undefined as JobState | undefined, queue: undefined as string | undefined, offset: 0, selected: undefined as string | undefined }
const queueNames = new Set(DEMO_QUEUES)
let detailDirty = false

const toast = toasts(byId('toasts'))
const counts = stateCounts(byId('state-counts'), (state) => setFilter({ state: view.state === state ? undefined : state }))
const queues = queuesView(byId<HTMLTableSectionElement>('queue-list'), {
  setPaused: (name, paused) => void (paused ? queue.pause(name) : queue.resume(name)).catch(report),
  pick: (name) => setFilter({ queue: view.queue === name ? undefined : name }),
})
const table = jobsTable(byId('jobs-panel'), {
  select,
  filter: setFilter,
  turn(delta) {
    view.offset = Math.max(0, view.offset + delta * PAGE_SIZE)
    refreshSoon()
  },
  cleanCompleted() {
    queue.clean({ state: 'completed' }).then((n) => toast(`Removed ${count(n)} completed job${n === 1 ? '' : 's'}.`), report)
  },
})
const detail = jobDetail(byId('detail'), { act, close: () => select(undefined) })
const feed = activityFeed(byId('activity-list'), select)
const meter = throughputMeter(byId('throughput'))
const burst = burstMeter(byId('burst'))
scenarioButtons(byId('scenario-list'), { queue, open: select, toast, burst: (n) => burst.start(n) })
customJobForm(byId('custom'), queue, select, toast)
onlineIndicator(byId('online'))

function report(error: unknown): void {
  toast((error as Error).message ?? String(error), 'error')
}

function setFilter(change: { state?: JobState | undefined; queue?: string | undefined }): void {
  if ('state' in change) view.state = change.state
  if ('queue' in change) view.queue = change.queue
  view.offset = 0
  refreshSoon()
}

function select(id: string | undefined): void {
  view.selected = id
  table.select(id)
  void loadDetail()
}

async function act(action: DetailAction, id: string): Promise<void> {
  try {
    if (action === 'remove') {
      if (await queue.remove(id)) toast(`Removed job ${shortId(id)}.`)
      if (view.selected === id) select(undefined)
    } else {
      const job = await queue[action](id)
      if (action === 'promote' && job?.state === 'delayed') toast('Only a delayed job can be promoted.', 'warn')
    }
  } catch (error) {
    toast((error as Error).message, 'warn')
  }
  detailDirty = true
  refreshSoon()
}

let detailRequest = 0
async function loadDetail(): Promise<void> {
  const id = view.selected
  const request = ++detailRequest
  detailDirty = false
  const job = id === undefined ? undefined : await queue.get(id)
  const logs = job ? await job.getLogs() : []
  // A flow's job shows its prerequisites and dependents with their states.
  const related = job ? (await Promise.all([...(job.dependsOn ?? []), ...(job.dependents ?? [])].map((other) => queue.get(other)))).filter((other) => other !== undefined) : []
  if (request !== detailRequest) return
  if (id !== undefined && !job) view.selected = undefined
  detail.render(job as Job | undefined, logs, related as Job[])
}

// Per-queue counts are 7 reads a queue: during a burst (many events) they are read at most
// once a second; otherwise on every refresh.
const QUEUE_COUNTS_GAP = 1000
const BUSY_EVENTS = 50
const queueCounts = new Map<string, Record<JobState, number>>()
let queueCountsAt = -Infinity
let eventsSinceQueueCounts = 0

async function refresh(): Promise<void> {
  const names = [...queueNames]
  const everyQueue = eventsSinceQueueCounts < BUSY_EVENTS || performance.now() - queueCountsAt >= QUEUE_COUNTS_GAP ||
    names.some((name) => !queueCounts.has(name))
  // The filtered queue's counts size the pager: they are read every time.
  const read = everyQueue ? names : view.queue ? [view.queue] : []
  const [totals, paused, fresh, jobs] = await Promise.all([
    queue.counts(),
    Promise.all(names.map((name) => queue.isPaused(name))),
    Promise.all(read.map((name) => queue.counts({ queue: name }))),
    queue.list({
      ...(view.state ? { state: view.state } : {}), ...(view.queue ? { queue: view.queue } : {}),
      limit: PAGE_SIZE, offset: view.offset, order: 'desc',
    }),
  ])
  read.forEach((name, i) => queueCounts.set(name, fresh[i]!))
  if (everyQueue) {
    queueCountsAt = performance.now()
    eventsSinceQueueCounts = 0
  } else refreshSoon()
  const scope = view.queue ? queueCounts.get(view.queue) ?? totals : totals
  const total = view.state ? scope[view.state] : Object.values(scope).reduce((a, b) => a + b, 0)
  if (view.offset > 0 && view.offset >= total) {
    // The page emptied (jobs were cleaned): step back to the last page that has jobs.
    view.offset = Math.max(0, Math.ceil(total / PAGE_SIZE) - 1) * PAGE_SIZE
    refreshSoon()
  }
  counts.render(totals, view.state)
  queues.render(names.map((name, i) => ({ name, counts: queueCounts.get(name)!, paused: paused[i]! })), view.queue)
  table.render({ jobs: jobs as Job[], total, offset: view.offset, pageSize: PAGE_SIZE, selected: view.selected, state: view.state, queue: view.queue, queues: names })
  if (detailDirty) await loadDetail()
}

// At most one storage read in flight, and the reads take at most a quarter of the time: during a
// burst they would otherwise compete with the scheduler's own transactions.
let lastRefresh = -Infinity
let refreshGap = REFRESH_GAP
let refreshTimer: ReturnType<typeof setTimeout> | undefined
let refreshing = false
let refreshAgain = false
function refreshSoon(): void {
  eventsSinceQueueCounts++
  if (refreshing) return void (refreshAgain = true)
  refreshTimer ??= setTimeout(runRefresh, Math.max(0, lastRefresh + refreshGap - performance.now()))
}
async function runRefresh(): Promise<void> {
  refreshTimer = undefined
  refreshing = true
  lastRefresh = performance.now()
  try {
    await refresh()
  } catch (error) {
    report(error)
  } finally {
    refreshGap = Math.max(REFRESH_GAP, (performance.now() - lastRefresh) * 4)
    refreshing = false
    if (refreshAgain) {
      refreshAgain = false
      refreshSoon()
    }
  }
}

type JobEventName = 'added' | 'active' | 'completed' | 'failed' | 'retrying' | 'canceled' | 'stalled' | 'duplicate'
type JobPayload = { job: Job; error?: ErrorData; willRetry?: boolean; runAt?: number }

function describe(event: JobEventName, { job, error, willRetry, runAt }: JobPayload): string {
  switch (event) {
    case 'active': return `attempt ${job.attempts}/${job.maxAttempts}`
    case 'completed': return `in ${duration(job.duration)}`
    case 'failed': return `${error?.name}: ${error?.message}${willRetry ? ' (will retry)' : ''}`
    case 'retrying': return `next attempt at ${clock(runAt)}`
    case 'duplicate': return `already ${job.state}${job.uniqueKey ? ` (${job.uniqueKey})` : ''}`
    case 'stalled': return 'its lease expired'
    default: return job.queue
  }
}

const JOB_EVENTS: JobEventName[] = ['added', 'active', 'completed', 'failed', 'retrying', 'canceled', 'stalled', 'duplicate']
for (const event of JOB_EVENTS) {
  queue.on(event, ((payload: JobPayload) => {
    const { job } = payload
    queueNames.add(job.queue)
    table.patch(job)
    if (job.id === view.selected) detailDirty = true
    feed.push({ event, job, text: describe(event, payload) })
    if (event === 'completed') {
      meter.completed()
      burst.completed(job)
    }
    if (event === 'duplicate') toast(`Duplicate: ${job.name}${job.uniqueKey ? ` with key ${job.uniqueKey}` : ''} is already ${job.state} as job ${shortId(job.id)}; nothing was added.`, 'warn')
    refreshSoon()
  }) as never)
}

queue.on('progress', ({ job, progress }) => {
  table.progress(job.id, progress)
  detail.progress(job.id, progress)
})
queue.on('log', ({ job }) => {
  if (job.id === view.selected) {
    detailDirty = true
    refreshSoon()
  }
})
queue.on('removed', ({ id }) => {
  if (id === view.selected) detailDirty = true
  refreshSoon()
})
for (const event of ['paused', 'resumed'] as const) {
  queue.on(event, ({ queue: name }) => {
    feed.push({ event, text: name ?? 'every queue' })
    refreshSoon()
  })
}
queue.on('idle', refreshSoon)
queue.on('error', ({ error }) => report(error))

detail.render(undefined, [])
void runRefresh().then(() => {
  // Tests and the curious wait for this before clicking.
  document.documentElement.dataset.ready = 'true'
})
