import { createQueue, memoryStorage, UnrecoverableError, type Job, type Queue } from 'docket'
import { serveJobs, UnrecoverableError as WorkerUnrecoverableError, type JobContext } from 'docket/worker'
import { describe, expectTypeOf, it } from 'vitest'
import type { Jobs } from './support/jobs.worker'

declare const queue: Queue<Jobs>

describe('one Jobs map types the queue', () => {
  it('createQueue<Jobs> gives a Queue<Jobs>', () => {
    const q = createQueue<Jobs>({ worker: () => new Worker('jobs.js'), storage: memoryStorage() })
    expectTypeOf(q).toEqualTypeOf<Queue<Jobs>>()
  })

  it('checks add(name, data) against the handler', () => {
    void queue.add('double', { n: 1 })
    void queue.add('stamp', { ms: 1, tag: 'x' }, { priority: 2, delay: 10 })
    // @ts-expect-error: `n` is a number
    void queue.add('double', { n: 'one' })
    // @ts-expect-error: `n` is missing
    void queue.add('double', {})
    // @ts-expect-error: the data of another job
    void queue.add('double', { ms: 1 })
    // @ts-expect-error: no job has this name
    void queue.add('resize', { n: 1 })
    // @ts-expect-error: an unknown option
    void queue.add('double', { n: 1 }, { retries: 3 })
    expectTypeOf(queue.add<'double'>).parameter(1).toEqualTypeOf<{ n: number }>()
  })

  it('checks every addBulk entry the same way', () => {
    void queue.addBulk([{ name: 'double', data: { n: 1 } }, { name: 'sleep', data: { ms: 1 } }])
    // @ts-expect-error: the data of `sleep` given to `double`
    void queue.addBulk([{ name: 'double', data: { ms: 1 } }])
  })

  it('gives waitForResult the handler result type, awaited', async () => {
    const doubled = await queue.add('double', { n: 2 })
    expectTypeOf(doubled).toEqualTypeOf<Job<{ n: number }, number, 'double'>>()
    expectTypeOf(doubled.waitForResult()).toEqualTypeOf<Promise<number>>()
    expectTypeOf(doubled.finished()).toEqualTypeOf<Promise<number>>()
    expectTypeOf(doubled.data).toEqualTypeOf<{ n: number }>()
    expectTypeOf(doubled.name).toEqualTypeOf<'double'>()

    // An async handler's result is the awaited value, not a promise.
    const slept = await queue.add('sleep', { ms: 1 })
    expectTypeOf(slept.waitForResult()).toEqualTypeOf<Promise<number>>()
    const stamped = await queue.add('stamp', { ms: 1 })
    expectTypeOf(await stamped.waitForResult()).toEqualTypeOf<{ tag?: string; start: number; end: number }>()
    // @ts-expect-error: the result is a number
    const text: string = await doubled.waitForResult()
    void text
  })

  it('narrows data and result of an event job by its name', () => {
    queue.on('completed', ({ job }) => {
      expectTypeOf(job.name).toEqualTypeOf<keyof Jobs>()
      if (job.name === 'double') {
        expectTypeOf(job.data).toEqualTypeOf<{ n: number }>()
        expectTypeOf(job.result).toEqualTypeOf<number | undefined>()
      }
      if (job.name === 'logs') expectTypeOf(job.data).toEqualTypeOf<{ rows: string[] }>()
    })
    queue.on('completed', (event) => {
      if (event.name === 'double') expectTypeOf(event.result).toEqualTypeOf<number>()
      if (event.name === 'stamp') expectTypeOf(event.result).toEqualTypeOf<{ tag?: string; start: number; end: number }>()
    })
    queue.on('completed', ({ name, job, result }) => {
      if (name === 'double') {
        expectTypeOf(job.data).toEqualTypeOf<{ n: number }>()
        expectTypeOf(result).toEqualTypeOf<number>()
      }
    })
    queue.on('failed', ({ error, willRetry }) => {
      expectTypeOf(error.attempt).toEqualTypeOf<number>()
      expectTypeOf(willRetry).toEqualTypeOf<boolean>()
    })
    queue.on('removed', ({ id }) => expectTypeOf(id).toEqualTypeOf<string>())
    // @ts-expect-error: not an event of the queue
    queue.on('finished', () => undefined)
  })

  it('types the handler context', () => {
    expectTypeOf<JobContext['attempt']>().toEqualTypeOf<number>()
    expectTypeOf<JobContext['signal']>().toEqualTypeOf<AbortSignal>()
    expectTypeOf<JobContext['log']>().returns.toEqualTypeOf<Promise<void>>()
  })
})

describe('serveJobs takes what users pass', () => {
  it("accepts Node's parentPort and a MessagePort", () => {
    expectTypeOf(serveJobs).toBeCallableWith({ noop: () => 1 }, {} as NodeMessagePortOf<typeof import('node:worker_threads')>)
    expectTypeOf(serveJobs).toBeCallableWith({ noop: () => 1 }, {} as MessagePort)
  })
})

type NodeMessagePortOf<T extends { parentPort: unknown }> = NonNullable<T['parentPort']>

describe('addFlow keeps the job map and the refs', () => {
  it('types each job of the flow by its ref and name', async () => {
    const flow = await queue.addFlow([
      { ref: 'twice', name: 'double', data: { n: 1 } },
      { ref: 'total', name: 'sum', data: { n: 0 }, dependsOn: ['twice'], options: { onDependencyFailure: 'continue', priority: 1 } },
    ])
    expectTypeOf(flow.twice).toEqualTypeOf<Job<{ n: number }, number, 'double'>>()
    expectTypeOf(flow.total.waitForResult()).toEqualTypeOf<Promise<{ total: number; refs: string[] }>>()
    // @ts-expect-error: no such ref in this flow
    void flow.other
  })

  it('checks names, data and options of each job', () => {
    // @ts-expect-error: the data of another job
    void queue.addFlow([{ ref: 'a', name: 'double', data: { ms: 1 } }])
    // @ts-expect-error: no job has this name
    void queue.addFlow([{ ref: 'a', name: 'resize', data: { n: 1 } }])
    // @ts-expect-error: a flow's jobs are all new: no caller ids
    void queue.addFlow([{ ref: 'a', name: 'double', data: { n: 1 }, options: { id: 'mine' } }])
    // @ts-expect-error: 'fail' or 'continue'
    void queue.addFlow([{ ref: 'a', name: 'double', data: { n: 1 }, options: { onDependencyFailure: 'skip' } }])
  })

  it('gives handlers the results of their prerequisites, typed loosely', () => {
    expectTypeOf<JobContext['dependencies']>().toEqualTypeOf<Record<string, unknown>>()
  })
})

describe('UnrecoverableError', () => {
  it('is one class from both entries, an Error made from a message', () => {
    expectTypeOf(WorkerUnrecoverableError).toEqualTypeOf(UnrecoverableError)
    expectTypeOf(new UnrecoverableError('gone')).toMatchTypeOf<Error>()
    expectTypeOf(new UnrecoverableError('gone', { cause: 404 }).name).toEqualTypeOf<string>()
    // @ts-expect-error: the message is a string
    void new UnrecoverableError(404)
  })
})
