/**
 * The docket demo: buttons that add work, and the `docket/devtools` panel that shows it live
 * (counts, queues, jobs, a job's detail, schedules). The page adds the activity feed, the
 * throughput meter and the burst figure around the panel.
 */
import type { QueueEvents } from 'docket'
import { mountDevtools } from 'docket/devtools'
import { activityFeed } from './activity-feed'
import { burstMeter } from './burst-meter'
import { byId } from './by-id'
import { customJobForm } from './custom-job'
import { DEMO_QUEUES, openDemoQueue } from './demo-queue'
import type { Jobs } from './jobs.worker'
import { onlineIndicator } from './online-indicator'
import { scenarioButtons } from './scenarios'
import { throughputMeter } from './throughput'
import { clock, duration, shortId } from '../src/devtools/format'
import { toasts } from '../src/devtools/toasts'

const queue = openDemoQueue()
const devtools = mountDevtools(queue, byId('devtools'), { queues: DEMO_QUEUES })
const select = (id: string): void => devtools.select(id)

const toast = toasts(byId('toasts'))
const feed = activityFeed(byId('activity-list'), select)
const meter = throughputMeter(byId('throughput'))
const burst = burstMeter(byId('burst'))
scenarioButtons(byId('scenario-list'), { queue, open: select, toast, burst: (n) => burst.start(n) })
customJobForm(byId('custom'), queue, select, toast)
onlineIndicator(byId('online'))

const JOB_EVENTS = ['added', 'active', 'completed', 'failed', 'retrying', 'canceled', 'stalled', 'duplicate'] as const
type JobEventName = (typeof JOB_EVENTS)[number]

/** The feed's line for an event: typed from the queue's own event map, no cast. */
function describe(event: JobEventName, payload: QueueEvents<Jobs>[JobEventName]): string {
  const { job } = payload
  switch (event) {
    case 'active': return `attempt ${job.attempts}/${job.maxAttempts}`
    case 'completed': return `in ${duration(job.duration)}`
    case 'failed': return 'error' in payload ? `${payload.error.name}: ${payload.error.message}${'willRetry' in payload && payload.willRetry ? ' (will retry)' : ''}` : ''
    case 'retrying': return 'runAt' in payload ? `next attempt at ${clock(payload.runAt)}` : ''
    case 'duplicate': return `already ${job.state}${job.uniqueKey ? ` (${job.uniqueKey})` : ''}`
    case 'stalled': return 'its lease expired'
    default: return job.queue
  }
}

for (const event of JOB_EVENTS) {
  queue.on(event, (payload: QueueEvents<Jobs>[JobEventName]) => {
    const { job } = payload
    feed.push({ event, job, text: describe(event, payload) })
    if (event === 'completed') {
      meter.completed()
      burst.completed(job)
    }
    if (event === 'duplicate') toast(`Duplicate: ${job.name}${job.uniqueKey ? ` with key ${job.uniqueKey}` : ''} is already ${job.state} as job ${shortId(job.id)}; nothing was added.`, 'warn')
  })
}
queue.on('keyBlocked', ({ key, job }) => feed.push({ event: 'keyBlocked', job, text: key }))
queue.on('keyUnblocked', ({ key }) => feed.push({ event: 'keyUnblocked', text: key }))
for (const event of ['paused', 'resumed'] as const) {
  queue.on(event, ({ queue: name }) => feed.push({ event, text: name ?? 'every queue' }))
}

void devtools.refresh().then(() => {
  // Tests and the curious wait for this before clicking.
  document.documentElement.dataset.ready = 'true'
})
