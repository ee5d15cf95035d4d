/** A refresh loop that events call as often as they like. */
export interface CoalescedRefresh {
  /** Asks for a run; many asks before it starts make one. */
  soon(): void
  /** Stops: no run starts after this. */
  dispose(): void
}

/**
 * Runs `refresh` after events, at most one run in flight and at most one run per `gap` ms (more
 * when runs get slow: reads take at most a fifth of the time). During a burst the panel's reads
 * would otherwise compete with the scheduler's own transactions.
 */
export function coalescedRefresh(refresh: () => Promise<void>, gap: number, report: (error: unknown) => void): CoalescedRefresh {
  let last = -Infinity
  let currentGap = gap
  let timer: ReturnType<typeof setTimeout> | undefined
  let running = false
  let again = false
  let disposed = false

  function soon(): void {
    if (disposed) return
    if (running) return void (again = true)
    timer ??= setTimeout(run, Math.max(0, last + currentGap - performance.now()))
  }

  async function run(): Promise<void> {
    timer = undefined
    if (disposed) return
    running = true
    last = performance.now()
    try {
      await refresh()
    } catch (error) {
      if (!disposed) report(error)
    } finally {
      currentGap = Math.max(gap, (performance.now() - last) * 4)
      running = false
      if (again) {
        again = false
        soon()
      }
    }
  }

  return {
    soon,
    dispose() {
      disposed = true
      clearTimeout(timer)
      timer = undefined
    },
  }
}
