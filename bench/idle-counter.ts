/**
 * Counts what fires on the page while nothing should: timer callbacks (`setTimeout`,
 * `setInterval`, `requestAnimationFrame`) and IndexedDB transactions, by wrapping the globals and
 * `IDBDatabase.prototype.transaction` (nothing is changed but a counter). docket reads these
 * globals when it sets a timer, so every timer it sets after `install()` is seen.
 */

/** What was counted since the last `reset()`. */
export interface IdleCounts {
  timersFired: number
  transactions: number
  /** Timers set and neither fired nor cleared, now. */
  pendingTimers: number
}

export function idleCounter() {
  const g = globalThis as unknown as Record<string, unknown>
  // Bound: a browser's timer functions refuse to be called on anything but the global.
  const saved = {
    setTimeout: globalThis.setTimeout.bind(globalThis), clearTimeout: globalThis.clearTimeout.bind(globalThis),
    setInterval: globalThis.setInterval.bind(globalThis), clearInterval: globalThis.clearInterval.bind(globalThis),
    requestAnimationFrame: globalThis.requestAnimationFrame.bind(globalThis),
    transaction: IDBDatabase.prototype.transaction,
  }
  const original = { setTimeout, clearTimeout, setInterval, clearInterval, requestAnimationFrame }
  let timersFired = 0
  let transactions = 0
  const pending = new Set<unknown>()
  return {
    install(): void {
      g.setTimeout = (fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
        const id = saved.setTimeout(() => {
          pending.delete(id)
          timersFired++
          fn(...args)
        }, ms)
        pending.add(id)
        return id
      }
      g.clearTimeout = (id: ReturnType<typeof setTimeout>) => {
        pending.delete(id)
        saved.clearTimeout(id)
      }
      g.setInterval = (fn: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
        const id = saved.setInterval(() => {
          timersFired++
          fn(...args)
        }, ms)
        pending.add(id)
        return id
      }
      g.clearInterval = (id: ReturnType<typeof setInterval>) => {
        pending.delete(id)
        saved.clearInterval(id)
      }
      g.requestAnimationFrame = (fn: FrameRequestCallback) => saved.requestAnimationFrame((at) => {
        timersFired++
        fn(at)
      })
      IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
        transactions++
        return saved.transaction.apply(this, args)
      } as IDBDatabase['transaction']
    },
    reset(): void {
      timersFired = 0
      transactions = 0
    },
    counts: (): IdleCounts => ({ timersFired, transactions, pendingTimers: pending.size }),
    uninstall(): void {
      Object.assign(globalThis, original)
      IDBDatabase.prototype.transaction = saved.transaction
    },
  }
}
