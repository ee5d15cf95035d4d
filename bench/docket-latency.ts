import { benchQueue, warm } from './bench-queue.js'
import { now } from './clock.js'
import type { Figure } from './figure.js'
import { dropDatabase, uniqueName } from './raw-indexeddb.js'
import { percentile } from './statistics.js'

/**
 * add→start on an idle queue (pool warm, nothing due, nothing running). Two clocks:
 * - to `active`: from the `add()` call to the queue's `active` event in the page (the claim
 *   has committed and the job is being sent to a worker);
 * - to handler: from the `add()` call to the first line of the handler in the worker (epoch
 *   clocks of page and worker compared through `performance.timeOrigin`).
 */
export async function measureLatency(options: { samples: number; discard: number }): Promise<Record<string, Figure>> {
  const name = uniqueName('latency')
  const queue = benchQueue(name, { concurrency: 4 })
  await warm(queue, 4)
  let onActive: (() => void) | undefined
  queue.on('active', () => onActive?.())
  const toActive: number[] = []
  const toHandler: number[] = []
  for (let i = 0; i < options.samples + options.discard; i++) {
    const active = new Promise<number>((resolve) => (onActive = () => resolve(now())))
    const t0 = now()
    const job = await queue.add('stamp', undefined)
    const activeAt = await active
    const startedAt = (await job.waitForResult()) as number
    await queue.whenIdle()
    if (i < options.discard) continue
    toActive.push(activeAt - t0)
    toHandler.push(startedAt - (performance.timeOrigin + t0))
  }
  await queue.close()
  await dropDatabase(name)
  const note = `${options.samples} samples after ${options.discard} discarded, workers warm, queue idle between samples`
  return {
    'docket.latency.active.p50': { value: percentile(toActive, 50), unit: 'ms', note: `add() → 'active' event; ${note}` },
    'docket.latency.active.p99': { value: percentile(toActive, 99), unit: 'ms', note: `add() → 'active' event; ${note}` },
    'docket.latency.handler.p50': { value: percentile(toHandler, 50), unit: 'ms', note: `add() → handler start in the worker; ${note}` },
    'docket.latency.handler.p99': { value: percentile(toHandler, 99), unit: 'ms', note: `add() → handler start in the worker; ${note}` },
  }
}
