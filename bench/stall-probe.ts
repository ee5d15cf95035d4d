/**
 * What a page feels while docket works: a ticker on the main thread (a `setTimeout(0)` chain,
 * which browsers clamp to ≈ 4 ms once nested) records the largest gap between two of its ticks,
 * that is the longest the page could not run a task it had queued (event-loop delay, an upper
 * bound of the longest task, plus ≈ 4 ms). Where the engine has it (Chromium),
 * `PerformanceObserver('longtask')` adds the longest task itself and how many passed 50 ms.
 */
import { now } from './clock.js'

/** What one probe saw between its start and `stop()`. */
export interface Stalls {
  /** The largest gap between two ticks, ms. */
  longestGapMs: number
  /** Gaps of more than 50 ms. */
  gapsOver50: number
  /** The longest task the engine reported (`longtask`), ms; undefined where it reports none. */
  longestTaskMs: number | undefined
  /** Tasks of more than 50 ms the engine reported; undefined where it reports none. */
  longTasks: number | undefined
  ticks: number
}

/** Whether this engine reports long tasks (Chromium does; Firefox and WebKit do not). */
export const hasLongTasks = (): boolean =>
  typeof PerformanceObserver === 'function' && (PerformanceObserver.supportedEntryTypes ?? []).includes('longtask')

/** Starts a probe; `stop()` ends it and says what it saw. */
export function stallProbe(): { stop(): Promise<Stalls> } {
  // The runtime's own timer, even if a counter wraps `setTimeout` later.
  const timeout = globalThis.setTimeout.bind(globalThis)
  let last = now()
  let longest = 0
  let over50 = 0
  let ticks = 0
  let running = true
  const tick = (): void => {
    const at = now()
    const gap = at - last
    last = at
    ticks++
    longest = Math.max(longest, gap)
    if (gap > 50) over50++
    if (running) timeout(tick, 0)
  }
  timeout(tick, 0)
  let longestTask: number | undefined
  let longTasks: number | undefined
  let observer: PerformanceObserver | undefined
  if (hasLongTasks()) {
    longestTask = 0
    longTasks = 0
    observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        longTasks!++
        longestTask = Math.max(longestTask!, entry.duration)
      }
    })
    observer.observe({ type: 'longtask', buffered: false })
  }
  return {
    async stop() {
      // One more tick, so that a stall at the very end is seen too; long-task entries come late.
      await new Promise((resolve) => timeout(resolve, 0))
      running = false
      await new Promise((resolve) => timeout(resolve, 50))
      if (observer) {
        for (const entry of observer.takeRecords()) {
          longTasks!++
          longestTask = Math.max(longestTask!, entry.duration)
        }
        observer.disconnect()
      }
      return { longestGapMs: longest, gapsOver50: over50, longestTaskMs: longestTask, longTasks, ticks }
    },
  }
}
