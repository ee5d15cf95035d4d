/**
 * Resolves in a later task, so that the page gets to run what waits meanwhile (input, rendering,
 * its own timers): work of many thousands of items is done in slices with this between them, so
 * that no task of docket's own keeps the main thread over 50 ms (a long task). Where the runtime
 * has `scheduler.yield()` (Chromium) the rest of the work is resumed ahead of other tasks;
 * elsewhere it is a `setTimeout(0)`.
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler
  if (typeof scheduler?.yield === 'function') return scheduler.yield()
  return new Promise((resolve) => setTimeout(resolve, 0))
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
