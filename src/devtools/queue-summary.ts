import type { JobState } from '../job/job-states.js'
import type { PanelQueue } from './panel-context.js'
import type { QueueRow } from './queues-view.js'

// Per-queue counts are several reads a queue: during a burst (many events) they are read at
// most once a second; otherwise on every refresh.
const QUEUE_COUNTS_GAP = 1000
const BUSY_EVENTS = 50

/** What one read of the summary gives: the counts of every queue, and a row per named queue. */
export interface Summary {
  totals: Record<JobState, number>
  queues: QueueRow[]
  /** Per-queue counts were skipped this time (a burst): a later read catches up. */
  partial: boolean
}

/**
 * Reads the counts shown above the views and in the queues list. The counts of every queue and
 * the pause states are read each time; the per-queue counts less often while events pour in.
 */
export function queueSummary(queue: PanelQueue) {
  const queueCounts = new Map<string, Record<JobState, number>>()
  let readAt = -Infinity
  let eventsSince = 0

  return {
    /** An event arrived: the per-queue counts may be stale. */
    changed(): void {
      eventsSince++
    },
    async read(names: string[], filtered: string | undefined): Promise<Summary> {
      const every = eventsSince < BUSY_EVENTS || performance.now() - readAt >= QUEUE_COUNTS_GAP || names.some((name) => !queueCounts.has(name))
      // The filtered queue's counts size the jobs view's pager: they are read every time.
      const read = every ? names : filtered ? [filtered] : []
      const [totals, paused, fresh] = await Promise.all([
        queue.counts(),
        Promise.all(names.map((name) => queue.isPaused(name))),
        Promise.all(read.map((name) => queue.counts({ queue: name }))),
      ])
      read.forEach((name, i) => queueCounts.set(name, fresh[i]!))
      if (every) {
        readAt = performance.now()
        eventsSince = 0
      }
      return { totals, queues: names.map((name, i) => ({ name, counts: queueCounts.get(name)!, paused: paused[i]! })), partial: !every }
    },
  }
}
