import PQueue from 'p-queue'
import { medianOf, now, rate, type Figure } from './measure.js'

/** p-queue: the same number of no-op tasks in memory, nothing persisted. The ceiling. */
export async function measurePQueue(o: { runs: number; n: number; concurrency: number }): Promise<Record<string, Figure>> {
  return {
    'p-queue.e2e': await medianOf(o.runs, 'ops/s', async () => {
      const queue = new PQueue({ concurrency: o.concurrency })
      const tasks = Array.from({ length: o.n }, () => async (): Promise<void> => {})
      const t0 = now()
      void queue.addAll(tasks)
      await queue.onIdle()
      return rate(o.n, now() - t0)
    }, `${o.n} no-op tasks in memory, concurrency ${o.concurrency}, addAll → onIdle()`),
  }
}
