import type { Queue, StepRecord } from 'docket'
import type { JobContext } from 'docket/worker'
import { describe, expectTypeOf, it } from 'vitest'
import type { Jobs } from '../support/jobs.worker'

declare const ctx: JobContext
declare const queue: Queue<Jobs>

describe('durable steps are typed', () => {
  it('ctx.step resolves to what fn returns, awaited', () => {
    expectTypeOf(ctx.step('a', () => 1)).toEqualTypeOf<Promise<number>>()
    expectTypeOf(ctx.step('b', async () => ({ url: 'x' }))).toEqualTypeOf<Promise<{ url: string }>>()
    expectTypeOf(ctx.sleep('nap', 1000)).toEqualTypeOf<Promise<void>>()
    // @ts-expect-error: a step needs its function
    void ctx.step('c')
    // @ts-expect-error: ms is a number
    void ctx.sleep('nap', '1s')
  })

  it('job.steps and the step event', async () => {
    const job = await queue.add('steps', { count: 1 })
    expectTypeOf(job.steps).toEqualTypeOf<StepRecord[]>()
    queue.on('step', ({ job: stepped, name }) => {
      expectTypeOf(name).toEqualTypeOf<string>()
      expectTypeOf(stepped.steps).toEqualTypeOf<StepRecord[]>()
    })
  })
})
