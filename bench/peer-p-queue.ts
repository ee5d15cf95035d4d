import PQueue from 'p-queue'
import { now } from './clock.js'
import { medianOf, rate, type Figure } from './figure.js'

/** p-queue: the same number of no-op tasks in memory, nothing persisted. The ceiling. */
export async function measurePQueue(options: { runs: number; n: number; concurrency: number }): Promise<Record<string, Figure>> {
  return {
    'p-queue.e2e': await medianOf(options.runs, 'ops/s', async () => {
      const queue = new PQueue({ concurrency: options.concurrency })
      const tasks = Array.from({ length: options.n }, () => async (): Promise<void> => {})
      const t0 = now()
      void queue.addAll(tasks)
      await queue.onIdle()
      return rate(options.n, now() - t0)
    }, `${options.n} no-op tasks in memory, concurrency ${options.concurrency}, addAll → onIdle()`),
  }
}
