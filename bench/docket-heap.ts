import { benchQueue, warm } from './docket-queue.js'
import { dropDatabase, settle, uniqueName, type Figure } from './measure.js'
import { jobData } from './record.js'

interface MemoryInfo { usedJSHeapSize: number }

/** Chromium's `performance.memory`, precise with `--enable-precise-memory-info`; `gc` from `--js-flags=--expose-gc`. */
function heapMB(): number {
  const memory = (performance as unknown as { memory?: MemoryInfo }).memory
  if (!memory) throw new Error('performance.memory is not available in this browser')
  return memory.usedJSHeapSize / 2 ** 20
}

async function collectedHeapMB(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) throw new Error('gc() is not exposed: launch Chromium with --js-flags=--expose-gc')
  await settle(50)
  gc()
  gc()
  return heapMB()
}

/**
 * The page's JS heap over one end-to-end run of `n` jobs (workers' heaps are not counted):
 * the peak during the run, what stays while the queue is open, and what stays after close.
 */
export async function measureHeap(o: { n: number; batch: number }): Promise<Record<string, Figure>> {
  const name = uniqueName('heap')
  const before = await collectedHeapMB()
  const queue = benchQueue(name, { concurrency: 4 })
  await warm(queue, 4)
  let peak = heapMB()
  const sampler = setInterval(() => (peak = Math.max(peak, heapMB())), 20)
  for (let done = 0; done < o.n; done += o.batch) {
    await queue.addBulk(Array.from({ length: Math.min(o.batch, o.n - done) }, (_, i) => ({ name: 'noop' as const, data: jobData(done + i) })))
  }
  await queue.whenIdle()
  clearInterval(sampler)
  const open = await collectedHeapMB()
  await queue.close()
  const closed = await collectedHeapMB()
  await dropDatabase(name)
  const how = `performance.memory.usedJSHeapSize of the page after gc(), ${o.n} jobs (addBulk of ${o.batch} at a time) through 4 workers`
  return {
    'docket.heap.peak-growth': { value: peak - before, unit: 'MB', note: `peak during the run − before; sampled every 20 ms; ${how}` },
    'docket.heap.retained-open': { value: open - before, unit: 'MB', note: `after the run, queue still open − before; ${how}` },
    'docket.heap.retained-closed': { value: closed - before, unit: 'MB', note: `after close() − before; ${how}` },
  }
}
