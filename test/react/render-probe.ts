// Renders one hook in a real React root and records every value it commits, so that a test can
// wait for a value (on each commit, no polling) and count the renders a burst caused.
import { StrictMode, createElement, useLayoutEffect } from 'react'
import { createRoot } from 'react-dom/client'
import type { Queue } from 'docket'

/** The committed values of one hook, and the root it renders in. */
export interface Probe<T> {
  /** Every value committed, in order. */
  readonly commits: T[]
  /** Resolves with the first committed value (the latest included) that passes `test`. */
  until(test: (value: T) => boolean): Promise<T>
  unmount(): void
}

/** Mounts a component that calls `hook` and commits its value, in strict mode unless told. */
export function renderProbe<T>(hook: () => T, { strict = true } = {}): Probe<T> {
  const commits: T[] = []
  const waiters = new Set<() => void>()
  function HookProbe(): null {
    const value = hook()
    useLayoutEffect(() => {
      commits.push(value)
      for (const waiter of [...waiters]) waiter()
    })
    return null
  }
  const container = document.createElement('div')
  document.body.append(container)
  const root = createRoot(container)
  root.render(strict ? createElement(StrictMode, null, createElement(HookProbe)) : createElement(HookProbe))
  return {
    commits,
    until(test) {
      return new Promise((resolve) => {
        const check = (): void => {
          const last = commits.at(-1)
          if (commits.length > 0 && test(last as T)) {
            waiters.delete(check)
            resolve(last as T)
          }
        }
        waiters.add(check)
        check()
      })
    },
    unmount() {
      root.unmount()
      container.remove()
    },
  }
}

/** The queue with its `on` and `off` counted: the same queue, its listeners seen from outside. */
export function countListeners<J>(queue: Queue<J>): { queue: Queue<J>; live(): number } {
  let live = 0
  return {
    queue: {
      ...queue,
      on: (event, fn) => {
        live++
        queue.on(event, fn)
      },
      off: (event, fn) => {
        live--
        queue.off(event, fn)
      },
    },
    live: () => live,
  }
}
