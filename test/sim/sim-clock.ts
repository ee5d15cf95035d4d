// The simulation's time: a monotonic clock that only the schedule moves, the timers that run on
// it, and a wall clock (`Date.now()`) that may jump apart from it, as a system clock can. Real
// timers never fire during a run: a step of the schedule fires the due ones, in order.

/** Timers one `advance` may fire: past this, the code under test spins. */
const MAX_FIRES = 10_000

/** A timer of the simulated runtime. */
interface SimTimer {
  id: number
  at: number
  seq: number
  every?: number
  fn: () => void
}

/** The simulated clock and its timers. */
export interface SimClock {
  /** The wall clock, epoch ms: what `Date.now()` returns during the run. */
  now(): number
  /** Moves the monotonic clock (and the wall clock with it) `ms` on, firing every timer due on the way; `settle` runs after each. */
  advance(ms: number, settle: () => Promise<void>): Promise<number>
  /** Moves the wall clock alone: timers keep their monotonic schedule, leases read the new time. */
  jump(ms: number): void
  /** Timers waiting. */
  pending(): number
  /** Puts `Date.now`, `setTimeout`, `setInterval` and their clears in place; returns the undo. */
  install(): () => void
}

/** A clock that starts at `start` (epoch ms). */
export function simClock(start: number): SimClock {
  let monotonic = 0
  let offset = start
  let seq = 0
  let nextId = 1
  const timers = new Map<number, SimTimer>()

  function schedule(fn: () => void, delay: unknown, every: boolean): { id: number; unref(): void; ref(): void; hasRef(): boolean; [Symbol.toPrimitive](): number } {
    const ms = Math.max(every ? 1 : 0, Number(delay) || 0)
    const id = nextId++
    timers.set(id, { id, at: monotonic + ms, seq: seq++, fn, ...(every ? { every: ms } : {}) })
    // Node's handle shape: `unref()` is called on these (src/coordination/unref.ts).
    return { id, unref() {}, ref() {}, hasRef: () => true, [Symbol.toPrimitive]: () => id }
  }
  const clear = (handle: unknown): void => {
    if (handle === undefined || handle === null) return
    timers.delete(typeof handle === 'object' ? (handle as { id: number }).id : Number(handle))
  }
  function nextDue(until: number): SimTimer | undefined {
    let best: SimTimer | undefined
    for (const timer of timers.values()) {
      if (timer.at > until) continue
      if (!best || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq)) best = timer
    }
    return best
  }

  const clock: SimClock = {
    now: () => offset + monotonic,
    async advance(ms, settle) {
      const until = monotonic + ms
      let fired = 0
      for (let timer = nextDue(until); timer; timer = nextDue(until)) {
        monotonic = Math.max(monotonic, timer.at)
        if (timer.every !== undefined) timers.set(timer.id, { ...timer, at: timer.at + timer.every, seq: seq++ })
        else timers.delete(timer.id)
        // A timer that sets itself again at once, forever, is a busy loop of the code under test.
        if (++fired > MAX_FIRES) throw new Error(`More than ${MAX_FIRES} timers fired within ${ms} ms: a timer loop (last set ${timer.at - (timer.every ?? 0)}, delay ${timer.every ?? 'once'})`)
        timer.fn()
        await settle()
      }
      monotonic = until
      return fired
    },
    jump(ms) {
      offset += ms
    },
    pending: () => timers.size,
    install() {
      const saved = {
        now: Date.now,
        setTimeout: globalThis.setTimeout,
        clearTimeout: globalThis.clearTimeout,
        setInterval: globalThis.setInterval,
        clearInterval: globalThis.clearInterval,
      }
      Date.now = () => clock.now()
      const g = globalThis as Record<string, unknown>
      g.setTimeout = (fn: () => void, delay?: number, ...args: unknown[]) => schedule(() => fn(...(args as [])), delay, false)
      g.setInterval = (fn: () => void, delay?: number, ...args: unknown[]) => schedule(() => fn(...(args as [])), delay, true)
      g.clearTimeout = clear
      g.clearInterval = clear
      return () => {
        Date.now = saved.now
        Object.assign(globalThis, { setTimeout: saved.setTimeout, clearTimeout: saved.clearTimeout, setInterval: saved.setInterval, clearInterval: saved.clearInterval })
        timers.clear()
      }
    },
  }
  return clock
}
