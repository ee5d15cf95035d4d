// The app's components, written with `createElement` so that the example needs no JSX set-up.
import { JOB_STATES, type Queue } from 'docket'
import { useCounts, useJob, useJobs, type JobSnapshotOf } from 'docket/react'
import { createElement as h, useState } from 'react'
import type { Jobs } from './jobs.worker'

/** What a row says: `name` narrows `data` and `result`, no cast needed. */
function describe(job: JobSnapshotOf<Jobs>): string {
  if (job.name === 'countTo') return `count to ${job.data.n}${job.state === 'completed' ? ` → ${job.result}` : ''}`
  return `explode: ${job.data.reason}${job.error ? ` (${job.error.message})` : ''}`
}

/** One job, live: its state and progress bar. */
function JobDetail({ queue, id }: { queue: Queue<Jobs>; id: string }) {
  const job = useJob(queue, id)
  if (job === undefined) return h('p', null, 'Loading…')
  if (job === null) return h('p', null, 'This job was removed.')
  const progress = typeof job.progress === 'number' ? job.progress : 0
  return h('section', { id: 'detail', 'data-state': job.state },
    h('h2', null, describe(job)),
    h('progress', { max: 100, value: progress }),
    h('span', null, ` ${progress}% · ${job.state} · attempt ${job.attempts}/${job.maxAttempts}`))
}

/** Counts, the ten newest jobs and the selected one; each part re-renders on the queue's events, from every tab. */
export function App({ queue }: { queue: Queue<Jobs> }) {
  const counts = useCounts(queue)
  const jobs = useJobs(queue, { order: 'desc', limit: 10 })
  const [selected, setSelected] = useState<string>()
  const add = (): void => void queue.add('countTo', { n: 10 }).then((job) => setSelected(job.id))
  const explode = (): void => void queue.add('explode', { reason: 'on purpose' }, { attempts: 1 }).then((job) => setSelected(job.id))
  return h('main', null,
    h('h1', null, 'docket + React'),
    h('p', { id: 'counts' }, JOB_STATES.map((state) => `${state} ${counts[state]}`).join(' · ')),
    h('p', null, h('button', { id: 'add', onClick: add }, 'Count to 10'), ' ', h('button', { id: 'explode', onClick: explode }, 'Fail a job')),
    h('ul', { id: 'jobs' }, jobs.map((job) => h('li', { key: job.id, 'data-id': job.id, 'data-state': job.state, onClick: () => setSelected(job.id) }, `${describe(job)} — ${job.state}`))),
    selected === undefined ? null : h(JobDetail, { queue, id: selected }))
}
