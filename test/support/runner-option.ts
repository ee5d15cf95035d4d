// Where a test queue runs its handlers: the `worker` or `handlers` option of `createQueue`.
import type { CreateQueueOptions } from 'docket'
import { isBrowser } from './env'
import { jobs, type Jobs } from './jobs'

/** `inline`: handlers in the test's thread; `worker`: module Web Workers or worker_threads. */
export type RunnerName = 'inline' | 'worker'

/** Both runners, for `describe.each`. */
export const runners: RunnerName[] = ['inline', 'worker']

/** The runner of tests that pick none: real Workers in Chromium; inline in Node, where a worker costs a bundle. */
export const defaultRunner: RunnerName = isBrowser ? 'worker' : 'inline'

/** The `worker` or `handlers` option of a queue of the test jobs. */
export type RunnerOption = Pick<CreateQueueOptions<Jobs>, 'worker' | 'handlers'>

/** The option of one runner. */
export async function runnerOption(runner: RunnerName): Promise<RunnerOption> {
  if (runner === 'inline') return { handlers: jobs }
  if (isBrowser) {
    return { worker: () => new Worker(new URL('./jobs.worker.ts', import.meta.url), { type: 'module' }) }
  }
  // Kept out of the browser bundle: it needs esbuild and node:worker_threads.
  const { nodeJobsWorker } = await import('./node-worker')
  return { worker: await nodeJobsWorker() }
}
