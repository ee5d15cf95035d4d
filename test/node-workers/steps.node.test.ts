// Durable steps in Node worker_threads, with `worker: () => new Worker(file)` as a user writes it:
// a retry replays the steps stored by the failed attempt, and a sleep ends a run without
// spending an attempt.
import { Worker } from 'node:worker_threads'
import { createQueue, memoryStorage, type Queue } from 'docket'
import { afterEach, beforeAll, expect, it } from 'vitest'
import { bundleForNode } from '../support/node-worker'

let entry: string
const queues: Array<Queue<any>> = []

beforeAll(async () => {
  entry = await bundleForNode(new URL('./jobs.worker.mjs', import.meta.url))
})
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.close()))
})

it('replays stored steps on the retry and sleeps between two steps, in worker threads', async () => {
  const queue = createQueue({
    storage: memoryStorage(),
    defaults: { backoff: { type: 'fixed', delay: 10 } },
    worker: () => new Worker(entry),
  })
  queues.push(queue)
  const steps: string[] = []
  queue.on('step', ({ name }) => steps.push(name))
  const job = await queue.add('photo', { bytes: 2048, napMs: 50 }, { attempts: 2 })
  const result = (await job.waitForResult()) as { url: string; resized: { bytes: number; thread: number } }
  await job.refresh()

  expect(result).toEqual({ url: 'https://photos.test/1024', resized: { bytes: 1024, thread: expect.any(Number) } })
  expect(result.resized.thread).toBeGreaterThan(0)
  // Attempt 1 stored resize and upload, then failed; attempt 2 replayed them, posted, slept,
  // and the run after the sleep (still attempt 2) replayed all three and notified.
  expect((await job.getLogs()).map((log) => log.row)).toEqual(['resize', 'upload', 'post', 'notify'])
  expect(steps).toEqual(['resize', 'upload', 'post', 'nap', 'notify'])
  expect(job.steps.map((s) => s.name)).toEqual(['resize', 'upload', 'post', 'nap', 'notify'])
  expect(job.attempts).toBe(2)
  expect(job.errors.map((e) => e.message)).toEqual(['the post failed'])
  const nap = job.steps[3]!
  expect((nap.result as { wakeAt: number }).wakeAt - nap.at).toBe(50)
})
