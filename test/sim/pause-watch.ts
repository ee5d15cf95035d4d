// Invariant: a paused queue starts nothing. Once `pause()` resolved, no handler of that queue
// starts in the context that paused it; in every other context once the world settled after it
// (the pause is stored and broadcast: a context hears of it between turns). A `resume()` lifts
// the watch as soon as it is called, and a pause whose call an other pause or resume followed
// before it resolved is not watched (which of the two writes landed last is not known).
import type { Invocation, SimContext } from './world'

/** Whether every queue is paused, and which named queues are, as the calls that resolved left it. */
interface Watched {
  all?: { by: SimContext; heard: boolean }
  queues: Map<string, { by: SimContext; heard: boolean }>
}

export interface PauseWatch {
  /** `pause(queue)` or `resume(queue)` was called from `context`; returns what to call once it resolved. */
  called(context: SimContext, queue: string | undefined, paused: boolean): () => void
  /** The world settled: every live context has heard of the pauses that resolved so far. */
  settled(): void
  /** A handler started: problems if its queue was paused. */
  started(invocation: Invocation): string[]
}

export function createPauseWatch(): PauseWatch {
  const watched: Watched = { queues: new Map() }
  /** Calls so far: a pause is watched only if no call came after it before it resolved. */
  let calls = 0
  return {
    called(context, queue, paused) {
      const call = ++calls
      if (!paused) {
        if (queue === undefined) {
          delete watched.all
          watched.queues.clear()
        } else watched.queues.delete(queue)
        return () => {}
      }
      return () => {
        if (call !== calls) return
        const entry = { by: context, heard: false }
        if (queue === undefined) watched.all = entry
        else watched.queues.set(queue, entry)
      }
    },
    settled() {
      if (watched.all) watched.all.heard = true
      for (const entry of watched.queues.values()) entry.heard = true
    },
    started(invocation) {
      const problems: string[] = []
      for (const [what, entry] of [['every queue', watched.all], [`queue ${invocation.queue}`, watched.queues.get(invocation.queue)]] as const) {
        if (!entry || (entry.by !== invocation.context && !entry.heard)) continue
        problems.push(`job ${invocation.jobId} of queue ${invocation.queue} started (inv-${invocation.n}, ctx ${invocation.context.index}) after pause of ${what} resolved in ctx ${entry.by.index}`)
      }
      return problems
    },
  }
}
