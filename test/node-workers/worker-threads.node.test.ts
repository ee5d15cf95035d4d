// Handlers in Node worker_threads, through the queue's own Node adapter (src/node-endpoint.ts):
// `worker: () => new Worker(file)` is all a Node user writes.
import { Worker } from 'node:worker_threads'
import { createQueue, memoryStorage, TimeoutError, type Queue } from 'docket'
import { afterEach, beforeAll, expect, it } from 'vitest'
import { bundleForNode } from '../support/node-worker'

let entry: string
const queues: Array<Queue<any>> = []

beforeAll(async () => {
  // docket/worker bundled from the source, as a user's own build (or Node, once installed) would resolve it.
  entry = await bundleForNode(new URL('./jobs.worker.mjs', import.meta.url))
})
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.close()))
})

/** A queue whose workers are threads; `threads` collects each one with its exit. */
function open(options: { concurrency?: number; abortGracePeriod?: number } = {}, file = entry) {
  const threads: Array<{ worker: Worker; exited: Promise<number> }> = []
  const queue = createQueue({
    storage: memoryStorage(),
    defaults: { backoff: { type: 'fixed', delay: 10 } },
    worker: () => {
      const worker = new Worker(file)
      threads.push({ worker, exited: new Promise((resolve) => worker.once('exit', resolve)) })
      return worker
    },
    ...options,
  })
  queues.push(queue)
  return { queue, threads }
}

it('runs handlers in worker threads, with progress and logs back in the queue', async () => {
  const { queue, threads } = open({ concurrency: 2 })
  const progress: unknown[] = []
  queue.on('progress', (e) => progress.push(e.progress))
  const where = await queue.add('where', null)
  const report = await queue.add('report', { n: 4 })

  const ran = (await where.waitForResult()) as { isMainThread: boolean; threadId: number }
  expect(ran.isMainThread).toBe(false)
  expect(threads.map((t) => t.worker.threadId)).toContain(ran.threadId)
  expect(await report.waitForResult()).toBe(40)
  expect(progress).toEqual([50])
  expect((await report.getLogs()).map((l) => l.row)).toEqual([{ half: 4 }])
  expect(threads.length).toBeLessThanOrEqual(2)
})

it('retries a failure thrown in a thread, with its name and message kept', async () => {
  const { queue } = open()
  const job = await queue.add('flaky', null, { attempts: 2 })
  expect(await job.waitForResult()).toBe(2)
  expect((await job.refresh()).errors.map((e) => [e.name, e.message])).toEqual([['RangeError', 'first attempt fails']])
})

it('fails a job whose handler throws UnrecoverableError in a thread at once, with 4 of 5 attempts left', async () => {
  const { queue } = open()
  const job = await queue.add('unrecoverable', { file: 'a.png' }, { attempts: 5 })
  await expect(job.waitForResult()).rejects.toMatchObject({ cause: { name: 'UnrecoverableError', message: 'no such file: a.png' } })
  expect(await job.refresh()).toMatchObject({ state: 'failed', attempts: 1, maxAttempts: 5, error: { name: 'UnrecoverableError' } })
  expect(job.errors).toHaveLength(1)
})

it('terminates the thread of a handler that ignores its timeout, and runs the next job in a new one', async () => {
  const { queue, threads } = open({ concurrency: 1, abortGracePeriod: 50 })
  const spin = await queue.add('spin', null, { timeout: 100, attempts: 1 })
  await expect(spin.waitForResult()).rejects.toMatchObject({ cause: { name: TimeoutError.name } })
  await threads[0]!.exited

  expect(await (await queue.add('report', { n: 1 })).waitForResult()).toBe(10)
  expect(threads).toHaveLength(2)
})

it('ends its threads on close()', async () => {
  const { queue, threads } = open({ concurrency: 2 })
  await Promise.all([queue.add('report', { n: 1 }), queue.add('report', { n: 2 })].map(async (p) => (await p).waitForResult()))
  await queue.close()
  await Promise.all(threads.map((t) => t.exited))
})

it('delivers progress reported just before a handler returns, before its outcome, every time', async () => {
  const { queue } = open({ concurrency: 2 })
  const order: string[] = []
  queue.on('progress', ({ job, progress }) => order.push(`${job.id}:progress:${String(progress)}`))
  queue.on('completed', ({ job }) => order.push(`${job.id}:completed`))
  const jobs = await queue.addBulk(Array.from({ length: 20 }, (_, n) => ({ name: 'progressThenReturn', data: { n: n + 1 } })))
  await Promise.all(jobs.map((job) => job.waitForResult()))
  for (const [n, job] of jobs.entries()) {
    expect((await job.refresh()).progress).toBe(n + 1)
    expect(order.filter((line) => line.startsWith(`${job.id}:`))).toEqual([`${job.id}:progress:${n + 1}`, `${job.id}:completed`])
  }
})

it('serves jobs on a Node without process.getBuiltinModule (before 20.16)', async () => {
  const { queue } = open({}, await bundleForNode(new URL('./old-node.worker.mjs', import.meta.url)))
  expect(await (await queue.add('version', null)).waitForResult()).toEqual({ attempt: 1, hasBuiltin: 'undefined' })
})

it('serves jobs on the parentPort a worker passes itself', async () => {
  const { queue } = open({}, await bundleForNode(new URL('./parent-port.worker.mjs', import.meta.url)))
  expect(await (await queue.add('double', { n: 21 })).waitForResult()).toBe(42)
})
