/**
 * Rate limits and holds of named queues, the part both storages share. The state is one row
 * in the database, read and written in the claim's own transaction, so every context and the
 * service worker draw on one budget. Pure.
 * @module
 */
import { dictionary, own } from '../dictionary.js'

/**
 * At most `max` jobs of a named queue start per `duration` ms, counted across every context.
 * @default no limit (`queues[name].rateLimit` unset)
 * @example { max: 5, duration: 1000 } // a server that allows 5 calls per second
 */
export interface RateLimit {
  /** Starts per window. Minimum: `1`. */
  max: number
  /** The window, in ms. Minimum: `1`. */
  duration: number
}

/**
 * The stored pace of every named queue. Keyed by queue names, so built without a prototype and
 * read with `own`: the row read back from IndexedDB is a plain object again.
 */
export interface PaceState {
  /** Queue → epoch ms before which none of its jobs starts (a handler threw `RateLimitError`). */
  holds: Record<string, number>
  /** Queue → the times of its latest starts (at most `max` of them, within `duration`). */
  starts: Record<string, number[]>
}

/** No holds, no starts. */
export function noPace(): PaceState {
  return { holds: dictionary(), starts: dictionary() }
}

/** The pace of one claim: asks when a queue may start next, counts starts, and says what to store. */
export interface Pace {
  /** The earliest epoch ms at which a job of `queue` may start (at most `now`: it may now). */
  openAt(queue: string): number
  /** Counts a start of `queue` at `now`. */
  take(queue: string): void
  /** The state to store, and whether it differs from what was read. */
  next(): { state: PaceState; changed: boolean }
}

/**
 * The pace of one claim at `now`. A sliding log of each limited queue's last `max` starts:
 * the next start is allowed once the `max`-th latest is `duration` old, so no window of
 * `duration` ms ever holds more than `max` starts, whatever the number of contexts.
 */
export function createPace(stored: PaceState, now: number, limits: Record<string, RateLimit> = {}, holds: Record<string, number> = {}): Pace {
  let changed = false
  const state: PaceState = noPace()
  for (const [queue, until] of Object.entries(stored.holds)) if (until > now) state.holds[queue] = until
  for (const [queue, until] of Object.entries(holds)) {
    if (until > (own(state.holds, queue) ?? 0)) {
      state.holds[queue] = until
      changed = true
    }
  }
  for (const [queue, times] of Object.entries(stored.starts)) {
    const window = own(limits, queue)?.duration
    // A queue no longer limited here keeps its log: another context may still limit it.
    const kept = window === undefined ? times : times.filter((at) => at > now - window)
    if (kept.length) state.starts[queue] = kept
  }
  if (Object.keys(state.holds).length !== Object.keys(stored.holds).length) changed = true
  return {
    openAt(queue) {
      const hold = own(state.holds, queue) ?? 0
      const limit = own(limits, queue)
      const times = own(state.starts, queue)
      if (!limit || !times || times.length < limit.max) return hold
      return Math.max(hold, times[times.length - limit.max]! + limit.duration)
    },
    take(queue) {
      const limit = own(limits, queue)
      if (!limit) return
      const times = [...(own(state.starts, queue) ?? []), now]
      state.starts[queue] = times.slice(-limit.max)
      changed = true
    },
    next: () => ({ state, changed }),
  }
}
