import { createQueue, indexedDBStorage, type Queue } from 'docket'
import { jobs, type BenchJobs } from './bench-jobs.js'

/** How the jobs run: through module Web Workers (the default) or inline handlers in the page. */
export type RunnerKind = 'worker' | 'inline'

const worker = (): Worker => new Worker(new URL('./bench-jobs.worker.ts', import.meta.url), { type: 'module' })

/** A docket queue on its own on-disk database, as a user would create it. */
export function benchQueue(name: string, options: { runner?: RunnerKind; concurrency?: number; autostart?: boolean } = {}): Queue<BenchJobs> {
  return createQueue<BenchJobs>({
    ...(options.runner === 'inline' ? { handlers: jobs } : { worker }),
    concurrency: options.concurrency ?? 4,
    autostart: options.autostart ?? true,
    storage: indexedDBStorage({ name }),
  })
}

/**
 * Starts every worker of the pool and opens the database, outside the timed part: the pool
 * is kept for the queue's life, so start-up is not a per-job cost.
 */
export async function warm(queue: Queue<BenchJobs>, concurrency: number): Promise<number> {
  const n = concurrency * 2
  await queue.addBulk(Array.from({ length: n }, (_, i) => ({ name: 'noop' as const, data: i })))
  await queue.whenIdle()
  return n
}
