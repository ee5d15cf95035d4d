/**
 * Resolves in a later task, so that the page gets to run what waits meanwhile (input, rendering,
 * its own timers): work of many thousands of items is done in slices with this between them, so
 * that no task of docket's own keeps the main thread over 50 ms (a long task). Where the runtime
 * has `scheduler.yield()` (Chromium) the rest of the work is resumed ahead of other tasks; in
 * Node, `setImmediate`; elsewhere a message to itself on a `MessageChannel`. Never a timer: a
 * hidden tab's timers are throttled to one a second or less, which would turn a 10,000-job
 * `addBulk` in a background tab into a wait of twenty seconds or more.
 */
export function nextTask(): Promise<void> {
  const g = globalThis as { scheduler?: { yield?: () => Promise<void> }; setImmediate?: (fn: () => void) => unknown }
  if (typeof g.scheduler?.yield === 'function') return g.scheduler.yield()
  if (typeof g.setImmediate === 'function') return new Promise((resolve) => void g.setImmediate!(resolve))
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0))
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel()
    port1.onmessage = () => {
      port1.close()
      resolve()
    }
    port2.postMessage(null)
  })
}

/**
 * How many items one task handles, where each costs a few microseconds (a job validated, an
 * event emitted, a handle made): ≈ 5–20 ms a slice in Chromium on a slow machine.
 */
export const SLICE = 500

/** `items.map(fn)`, a slice per task: for `SLICE` items or fewer, all in this task. */
export async function mapInSlices<T, U>(items: readonly T[], fn: (item: T, index: number) => U): Promise<U[]> {
  const out: U[] = []
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % SLICE === 0) await nextTask()
    out.push(fn(items[i]!, i))
  }
  return out
}
