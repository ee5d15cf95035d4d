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
  /** Every stall over 50 ms: its end (`performance.now()`) and length, from the ticker and, where reported, the long tasks. */
  over50: Array<{ end: number; ms: number; kind: 'gap' | 'task' }>
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
  const over50List: Stalls['over50'] = []
  const tick = (): void => {
    const at = now()
    const gap = at - last
    last = at
    ticks++
    longest = Math.max(longest, gap)
    if (gap > 50) {
      over50++
      over50List.push({ end: at, ms: gap, kind: 'gap' })
    }
    if (running) timeout(tick, 0)
  }
  timeout(tick, 0)
  let longestTask: number | undefined
  let longTasks: number | undefined
  let observer: PerformanceObserver | undefined
  const seeTask = (entry: PerformanceEntry): void => {
    longTasks!++
    longestTask = Math.max(longestTask!, entry.duration)
    over50List.push({ end: entry.startTime + entry.duration, ms: entry.duration, kind: 'task' })
  }
  if (hasLongTasks()) {
    longestTask = 0
    longTasks = 0
    observer = new PerformanceObserver((list) => list.getEntries().forEach(seeTask))
    observer.observe({ type: 'longtask', buffered: false })
  }
  return {
    async stop() {
      // One more tick, so that a stall at the very end is seen too; long-task entries come late.
      await new Promise((resolve) => timeout(resolve, 0))
      running = false
      await new Promise((resolve) => timeout(resolve, 50))
      if (observer) {
        observer.takeRecords().forEach(seeTask)
        observer.disconnect()
      }
      return { longestGapMs: longest, gapsOver50: over50, longestTaskMs: longestTask, longTasks, ticks, over50: over50List }
    },
  }
}
