import type { Job, Queue, Schedule } from 'docket'
import { describe, expectTypeOf, it } from 'vitest'
import type { Jobs } from '../support/jobs.worker'

declare const queue: Queue<Jobs>

describe('schedules are typed by the Jobs map', () => {
  it('checks the template against the handler', () => {
    void queue.upsertScheduler('d', { every: 1000 }, { name: 'double', data: { n: 1 } })
    void queue.upsertScheduler('d', { pattern: '0 3 * * *', tz: 'UTC', catchUp: 'none' }, { name: 'double', data: { n: 1 }, options: { attempts: 2 } })
    // @ts-expect-error: `n` is a number
    void queue.upsertScheduler('d', { every: 1000 }, { name: 'double', data: { n: 'one' } })
    // @ts-expect-error: no job has this name
    void queue.upsertScheduler('d', { every: 1000 }, { name: 'resize', data: {} })
    // @ts-expect-error: the schedule sets the job id
    void queue.upsertScheduler('d', { every: 1000 }, { name: 'double', data: { n: 1 }, options: { id: 'x' } })
    // @ts-expect-error: not a catch-up policy
    void queue.upsertScheduler('d', { every: 1000, catchUp: 'some' }, { name: 'double', data: { n: 1 } })
  })

  it('resolves to schedules, and jobs carry their slot', () => {
    expectTypeOf(queue.getSchedulers()).resolves.toEqualTypeOf<Schedule[]>()
    expectTypeOf(queue.removeScheduler('d')).resolves.toEqualTypeOf<boolean>()
    expectTypeOf<Job['schedule']>().toEqualTypeOf<{ id: string; slot: number } | undefined>()
  })
})
