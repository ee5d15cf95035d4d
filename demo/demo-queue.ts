import { createQueue, indexedDBStorage, type Queue } from 'docket'
import type { Jobs } from './jobs.worker'

/** The named queues the scenarios use; others appear as jobs of them are seen. */
export const DEMO_QUEUES = ['images', 'network', 'reports', 'accounts', 'mail', 'bulk', 'default']

/**
 * One queue per tab, all on the same IndexedDB database: every open tab runs jobs, and each
 * sees the others' events through docket's BroadcastChannel.
 */
export function openDemoQueue(): Queue<Jobs> {
  return createQueue<Jobs>({
    worker: () => new Worker(new URL('./jobs.worker.ts', import.meta.url), { type: 'module', name: 'docket-jobs' }),
    storage: indexedDBStorage({ name: 'docket-demo' }),
    concurrency: 4,
    // One mail at a time, over every tab: the priority scenario shows its order.
    queues: { mail: { concurrency: 1 } },
    // Repeated bursts should not grow the database without bound.
    retention: { completed: { maxCount: 5000 } },
    abortGracePeriod: 1000,
  })
}
