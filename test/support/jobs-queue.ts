// Opens test queues on a fresh IndexedDB (real in Chromium, fake-indexeddb in Node) with either
// runner, and closes them after each test.
import { createQueue, indexedDBStorage, type CreateQueueOptions, type Queue, type Storage } from 'docket'
import { afterEach } from 'vitest'
import { idbFactory, isBrowser, uniqueName } from './env'
import { jobs, type Jobs } from './jobs'

/** `inline`: handlers in the test's thread; `worker`: module Web Workers or worker_threads. */
export type RunnerName = 'inline' | 'worker'

/** Both runners, for `describe.each`. */
export const runners: RunnerName[] = ['inline', 'worker']

/** The queue options without a runner. */
export type TestQueueOptions = Omit<CreateQueueOptions<Jobs>, 'worker' | 'handlers' | 'storage'>

/** The `worker` or `handlers` option of one runner. */
export async function runnerOption(runner: RunnerName): Promise<Pick<CreateQueueOptions<Jobs>, 'worker' | 'handlers'>> {
  if (runner === 'inline') return { handlers: jobs }
  if (isBrowser) {
    return { worker: () => new Worker(new URL('./jobs.worker.ts', import.meta.url), { type: 'module' }) }
  }
  // Kept out of the browser bundle: it needs esbuild and node:worker_threads.
  const { nodeJobsWorker } = await import('./node-worker')
  return { worker: await nodeJobsWorker() }
}

/** One database that several queues may open in turn, as a page would across reloads. */
export interface TestDatabase {
  name: string
  storage(): Storage
}

/** A new, empty database. In Node every database gets its own fake-indexeddb factory. */
export async function testDatabase(): Promise<TestDatabase> {
  const env = await idbFactory()
  const name = uniqueName('queue')
  return { name, storage: () => indexedDBStorage({ name, ...env }) }
}

const open: Queue<Jobs>[] = []

afterEach(async () => {
  await Promise.all(open.splice(0).map((queue) => queue.close()))
})

/** A runner by name, or the `worker`/`handlers` option itself. */
export type RunnerChoice = RunnerName | Pick<CreateQueueOptions<Jobs>, 'worker' | 'handlers'>

/** A queue of the test jobs on `db` (a new database if absent), closed after the test. */
export async function openQueue(runner: RunnerChoice, options: TestQueueOptions = {}, db?: TestDatabase): Promise<Queue<Jobs>> {
  const database = db ?? (await testDatabase())
  const run = typeof runner === 'string' ? await runnerOption(runner) : runner
  const queue = createQueue<Jobs>({ ...options, ...run, storage: database.storage() })
  open.push(queue)
  return queue
}

/** The largest number of the half-open intervals `[start, end)` that overlap at one instant. */
export function maxOverlap(intervals: Array<{ start: number; end: number }>): number {
  const points = intervals.flatMap(({ start, end }) => [{ at: start, delta: 1 }, { at: end, delta: -1 }])
  // Ends before starts at the same instant: touching intervals do not overlap.
  points.sort((a, b) => a.at - b.at || a.delta - b.delta)
  let current = 0
  let max = 0
  for (const { delta } of points) max = Math.max(max, (current += delta))
  return max
}
