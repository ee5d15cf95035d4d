// Web Locks as a browser keeps them, for every context of the simulation: exclusive locks,
// granted in request order, released when the holder's callback settles, or when the context
// that holds them dies. Deterministic: a grant is a microtask, never a timer.

interface LockRequest {
  name: string
  callback(lock: unknown): unknown
  granted(value: unknown): void
  refused(error: unknown): void
  signal?: AbortSignal
}

/** The lock manager of the simulation, shared by its contexts as by a browser's tabs. */
export interface SimLocks {
  request(name: string, options: { signal?: AbortSignal; ifAvailable?: boolean }, callback: (lock: unknown) => unknown): Promise<unknown>
  query(): Promise<{ held: Array<{ name: string }>; pending: Array<{ name: string }> }>
  /** The browser ends a context: the locks whose name ends with its owner id go free. */
  releaseOwnedBy(owner: string): void
  /** Names requested since the last call: the simulation learns a new context's own lock from it. */
  takeRequested(): string[]
}

export function simLocks(): SimLocks {
  const holders = new Map<string, LockRequest>()
  const waiting: LockRequest[] = []
  let requested: string[] = []

  function release(name: string, request: LockRequest): void {
    if (holders.get(name) !== request) return
    holders.delete(name)
    grantNext(name)
  }

  function grantNext(name: string): void {
    if (holders.has(name)) return
    const index = waiting.findIndex((request) => request.name === name)
    if (index < 0) return
    const [request] = waiting.splice(index, 1)
    holders.set(name, request!)
    void Promise.resolve().then(() => {
      let result: unknown
      try {
        result = request!.callback({ name, mode: 'exclusive' })
      } catch (error) {
        release(name, request!)
        return request!.refused(error)
      }
      Promise.resolve(result).then(
        (value) => {
          release(name, request!)
          request!.granted(value)
        },
        (error: unknown) => {
          release(name, request!)
          request!.refused(error)
        },
      )
    })
  }

  return {
    request(name, options, callback) {
      requested.push(name)
      return new Promise((granted, refused) => {
        const { signal } = options
        if (signal?.aborted) return refused(signal.reason)
        if (options.ifAvailable && holders.has(name)) return granted(callback(null))
        const request: LockRequest = { name, callback, granted, refused, ...(signal ? { signal } : {}) }
        // Aborting applies while the request waits, as in browsers; a held lock ignores it.
        signal?.addEventListener('abort', () => {
          const index = waiting.indexOf(request)
          if (index >= 0) {
            waiting.splice(index, 1)
            refused(signal.reason)
          }
        }, { once: true })
        waiting.push(request)
        grantNext(name)
      })
    },
    async query() {
      return {
        held: [...holders.keys()].map((name) => ({ name })),
        pending: waiting.map(({ name }) => ({ name })),
      }
    },
    takeRequested() {
      const taken = requested
      requested = []
      return taken
    },
    releaseOwnedBy(owner) {
      for (const [name, request] of [...holders]) if (name.endsWith(`:owner:${owner}`) && request.name === name) {
        holders.delete(name)
        grantNext(name)
      }
    },
  }
}
