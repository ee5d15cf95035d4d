// Web Locks as a browser keeps them, for every context of the simulation: exclusive and shared
// locks, granted in request order (a shared request waits behind an exclusive one), released when
// the holder's callback settles, or when the context that holds them dies. Deterministic: a
// grant is a microtask, never a timer.

type Mode = 'exclusive' | 'shared'

interface LockRequest {
  name: string
  mode: Mode
  callback(lock: unknown): unknown
  granted(value: unknown): void
  refused(error: unknown): void
}

/** The lock manager of the simulation, shared by its contexts as by a browser's tabs. */
export interface SimLocks {
  request(name: string, options: { signal?: AbortSignal; ifAvailable?: boolean; mode?: Mode }, callback: (lock: unknown) => unknown): Promise<unknown>
  query(): Promise<{ held: Array<{ name: string; mode: Mode }>; pending: Array<{ name: string; mode: Mode }> }>
  /** The browser ends a context: the exclusive lock named after its owner id goes free. */
  releaseOwnedBy(owner: string): void
  /** Names requested since the last call: the simulation learns a new context's own lock from it. */
  takeRequested(): string[]
}

export function simLocks(): SimLocks {
  const holders = new Map<string, LockRequest[]>()
  const waiting: LockRequest[] = []
  let requested: string[] = []

  const held = (name: string): LockRequest[] => holders.get(name) ?? []
  const grantable = (request: LockRequest): boolean =>
    request.mode === 'exclusive' ? held(request.name).length === 0 : held(request.name).every((holder) => holder.mode === 'shared')

  function release(request: LockRequest): void {
    const rest = held(request.name).filter((holder) => holder !== request)
    if (rest.length) holders.set(request.name, rest)
    else holders.delete(request.name)
    grantNext(request.name)
  }

  function grant(request: LockRequest): void {
    holders.set(request.name, [...held(request.name), request])
    void Promise.resolve().then(() => {
      let result: unknown
      try {
        result = request.callback({ name: request.name, mode: request.mode })
      } catch (error) {
        release(request)
        return request.refused(error)
      }
      Promise.resolve(result).then(
        (value) => {
          release(request)
          request.granted(value)
        },
        (error: unknown) => {
          release(request)
          request.refused(error)
        },
      )
    })
  }

  /** Grants waiting requests of `name` in order, as far as they are compatible with the holders. */
  function grantNext(name: string): void {
    for (;;) {
      const index = waiting.findIndex((request) => request.name === name)
      if (index < 0 || !grantable(waiting[index]!)) return
      grant(waiting.splice(index, 1)[0]!)
    }
  }

  return {
    request(name, options, callback) {
      requested.push(name)
      return new Promise((granted, refused) => {
        const { signal } = options
        if (signal?.aborted) return refused(signal.reason)
        const request: LockRequest = { name, mode: options.mode ?? 'exclusive', callback, granted, refused }
        if (options.ifAvailable && (!grantable(request) || waiting.some((other) => other.name === name))) {
          return Promise.resolve().then(() => callback(null)).then(granted, refused)
        }
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
        held: [...holders.values()].flat().map(({ name, mode }) => ({ name, mode })),
        pending: waiting.map(({ name, mode }) => ({ name, mode })),
      }
    },
    takeRequested() {
      const taken = requested
      requested = []
      return taken
    },
    releaseOwnedBy(owner) {
      for (const request of [...holders.values()].flat()) {
        if (request.mode === 'exclusive' && request.name.endsWith(`:owner:${owner}`)) release(request)
      }
    },
  }
}
