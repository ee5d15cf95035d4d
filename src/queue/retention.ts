import type { Storage } from '../storage/storage.js'
import type { RetentionOptions } from './queue-options.js'
import type { SettledState } from '../job/job-states.js'

/**
 * Applies `retention` as jobs settle: after a settle, one pass per state removes the jobs
 * past `maxAge` or beyond `maxCount` (oldest first) in a single transaction of index reads
 * and batched deletes. Passes are coalesced, so a burst of settles costs one pass.
 */
export function createRetention(
  storage: Storage,
  options: RetentionOptions,
  now: () => number,
  onRemoved: (ids: string[]) => void,
  onError: (error: Error) => void,
) {
  const due = new Set<SettledState>()
  let running: Promise<void> | undefined

  async function pass(): Promise<void> {
    while (due.size) {
      const states = [...due]
      due.clear()
      for (const state of states) {
        const bound = options[state]
        if (!bound) continue
        const ids = await storage.removeSettled({
          state,
          ...(bound.maxAge !== undefined ? { before: now() - bound.maxAge } : {}),
          ...(bound.maxCount !== undefined ? { keep: bound.maxCount } : {}),
        })
        if (ids.length) onRemoved(ids)
      }
    }
  }

  /** A job settled in this state: schedule a pass if the state has a bound. */
  function settled(state: SettledState): void {
    if (!options[state]) return
    due.add(state)
    running ??= new Promise<void>((resolve) => setTimeout(resolve, 0))
      .then(pass)
      .catch((error: unknown) => onError(error as Error))
      .finally(() => {
        running = undefined
        // A state that settled while the pass was finishing gets its own pass.
        const left = [...due]
        due.clear()
        for (const state of left) settled(state)
      })
  }

  return {
    settled,
    /** Resolves when no pass is pending. */
    async flush(): Promise<void> {
      while (running) await running
    },
  }
}

/** The retention of one queue. */
export type Retention = ReturnType<typeof createRetention>
