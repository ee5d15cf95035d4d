import { settle } from './clock.js'
import type { Figure } from './figure.js'

interface MemoryInfo { usedJSHeapSize: number }

/** Chromium's `performance.memory`, exact with `--enable-precise-memory-info`. */
function heapMB(): number {
  const memory = (performance as unknown as { memory?: MemoryInfo }).memory
  if (!memory) throw new Error('performance.memory is not available in this browser')
  return memory.usedJSHeapSize / 2 ** 20
}

/** The heap after a full collection (`gc` from `--js-flags=--expose-gc`). */
async function collectedMB(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) throw new Error('gc() is not exposed: launch Chromium with --js-flags=--expose-gc')
  await settle(50)
  gc()
  gc()
  return heapMB()
}

/**
 * The page's JS heap after a full collection, in MB, where the engine can tell it (Chromium
 * launched with --expose-gc and precise memory info); `undefined` in Firefox and WebKit, which
 * have neither `performance.memory` nor `gc()`.
 */
export async function pageHeapMB(): Promise<number | undefined> {
  const exposed = typeof (globalThis as { gc?: unknown }).gc === 'function' && 'memory' in performance
  return exposed ? collectedMB() : undefined
}

/** Readings of the page's JS heap around one run (workers' heaps are not counted). */
export interface HeapProbe {
  /** Before the queue exists. */
  before(): Promise<void>
  /** Starts sampling the peak (every 20 ms) until `open()`. */
  sample(): void
  /** After the run, the queue still open. */
  open(): Promise<void>
  /** After `close()`. */
  closed(): Promise<void>
  figures(what: string): Record<string, Figure>
}

export function heapProbe(): HeapProbe {
  let base = NaN
  let peak = NaN
  let open = NaN
  let closed = NaN
  let timer: ReturnType<typeof setInterval> | undefined
  return {
    async before() {
      base = await collectedMB()
    },
    sample() {
      peak = heapMB()
      timer = setInterval(() => (peak = Math.max(peak, heapMB())), 20)
    },
    async open() {
      clearInterval(timer)
      open = await collectedMB()
    },
    async closed() {
      closed = await collectedMB()
    },
    figures(what) {
      const how = `performance.memory.usedJSHeapSize of the page, after gc() except the peak; ${what}`
      return {
        'docket.heap.peak-growth': { value: peak - base, unit: 'MB', note: `peak during the run (sampled every 20 ms) − before; ${how}` },
        'docket.heap.retained-open': { value: open - base, unit: 'MB', note: `after the run with the queue open − before; ${how}` },
        'docket.heap.retained-closed': { value: closed - base, unit: 'MB', note: `after close() − before; ${how}` },
      }
    },
  }
}
