import type { JobState, Queue } from 'docket'
import { mountDevtools, type Devtools } from 'docket/devtools'
import { useCounts, useJob, useJobs, type JobSnapshot, type JobSnapshotOf } from 'docket/react'
import { describe, expectTypeOf, it } from 'vitest'
import type { Jobs } from '../support/jobs.worker'

declare const queue: Queue<Jobs>

describe('docket/react types flow from the job map', () => {
  it('useJobs gives snapshots that narrow by name, without a cast', () => {
    const jobs = useJobs(queue, { state: 'completed' })
    expectTypeOf(jobs).toEqualTypeOf<readonly JobSnapshotOf<Jobs>[]>()
    for (const job of jobs) {
      if (job.name === 'double') {
        expectTypeOf(job.data).toEqualTypeOf<{ n: number }>()
        expectTypeOf(job.result).toEqualTypeOf<number | undefined>()
      }
    }
    // Every snapshot is a plain JobSnapshot too: UI code over any queue takes it.
    expectTypeOf(jobs[0]!).toMatchTypeOf<JobSnapshot>()
  })

  it('snapshots are read-only and have no methods', () => {
    const job = useJob(queue, 'id')
    expectTypeOf(job).toEqualTypeOf<JobSnapshotOf<Jobs> | null | undefined>()
    if (job) {
      // @ts-expect-error: a snapshot is read-only
      job.state = 'failed'
      // @ts-expect-error: act through the queue: queue.retry(job.id)
      void job.retry()
    }
  })

  it('useCounts gives a count per state; useJobs takes the options of list', () => {
    expectTypeOf(useCounts(queue, { queue: 'images' })).toEqualTypeOf<Readonly<Record<JobState, number>>>()
    // @ts-expect-error: not an option of list
    useJobs(queue, { status: 'failed' })
    // @ts-expect-error: not a state
    useJobs(queue, { state: 'done' })
  })

  it('mountDevtools takes any typed queue and returns its handle', () => {
    expectTypeOf(mountDevtools(queue, document.body, { floating: true })).toEqualTypeOf<Devtools>()
    // @ts-expect-error: pageSize is a number
    mountDevtools(queue, document.body, { pageSize: '10' })
  })
})
