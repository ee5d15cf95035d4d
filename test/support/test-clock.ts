// The clock a queue reads (`Date.now()` in the thread that created it), under the test's hand:
// a test that needs time to pass (a backoff to end, a job to age) moves it on instead of
// waiting, so that no step has to finish within a window a busy machine could miss.
import { vi, type MockInstance } from 'vitest'

/** This thread's `Date.now()`, as a test drives it. Handlers in workers keep the real clock. */
export interface TestClock {
  /**
   * Moves the clock `ms` forward, frozen or not. Only while no job runs: a lease taken before
   * the jump would look expired after it.
   */
  advance(ms: number): void
  /** Holds the clock at its current time until `restore()`. */
  freeze(): void
  /** Back to the real clock. */
  restore(): void
}

/** A clock that reads the real one until the test moves or freezes it. */
export function testClock(): TestClock {
  const real = Date.now.bind(Date)
  let offset = 0
  let frozenAt: number | undefined
  let spy: MockInstance<() => number> | undefined
  const read = (): number => frozenAt ?? real() + offset
  const take = (): void => {
    spy ??= vi.spyOn(Date, 'now').mockImplementation(read)
  }
  return {
    advance(ms) {
      take()
      if (frozenAt !== undefined) frozenAt += ms
      else offset += ms
    },
    freeze() {
      take()
      frozenAt = read()
    },
    restore() {
      spy?.mockRestore()
      spy = undefined
      offset = 0
      frozenAt = undefined
    },
  }
}
