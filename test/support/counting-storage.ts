// A storage that counts what the queue asks of it: the real storage underneath (memory or
// IndexedDB), every call passed through unchanged. Not a mock: the queue runs on the real thing,
// and the test reads how many storage calls (each one transaction) it made, and when.
import type { Storage } from 'docket'

/** One call to the storage, as the queue made it. */
export interface StorageCall {
  method: string
  /** The first argument (the query of `list`, the request of `claim`…). */
  arg: unknown
  /** `performance.now()` when the call was made. */
  at: number
}

/** A storage that counts, and what it counted. */
export interface CountingStorage {
  storage: Storage
  /** Every call so far, in order. */
  readonly calls: StorageCall[]
  /** Calls whose promise has not settled yet. */
  readonly inFlight: number
  /** Resolves at the next call made after now. */
  nextCall(): Promise<StorageCall>
}

/** Wraps `storage`; `close` and `name` are not counted (they are no transaction). */
export function countingStorage(storage: Storage): CountingStorage {
  const calls: StorageCall[] = []
  let inFlight = 0
  let waiters: Array<(call: StorageCall) => void> = []
  const wrapped = new Proxy(storage, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown
      if (typeof value !== 'function' || key === 'close') return value
      return (...args: unknown[]) => {
        const call = { method: String(key), arg: args[0], at: performance.now() }
        calls.push(call)
        const woken = waiters
        waiters = []
        woken.forEach((resolve) => resolve(call))
        inFlight++
        const done = (): void => void inFlight--
        const result = (value as (...a: unknown[]) => unknown).apply(target, args)
        if (result instanceof Promise) result.then(done, done)
        else done()
        return result
      }
    },
  })
  return {
    storage: wrapped,
    calls,
    get inFlight() {
      return inFlight
    },
    nextCall: () => new Promise((resolve) => waiters.push(resolve)),
  }
}
