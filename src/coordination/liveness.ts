/**
 * Which contexts are alive, through Web Locks: each scheduler holds one lock for its lifetime,
 * and the browser releases it when the page, worker or service worker that holds it goes away
 * (closed, reloaded, crashed). Another context can so tell a dead owner from a live one at
 * once, without waiting for its leases to run out. Where there are no Web Locks (Node, edge
 * shims), nothing is known and leases decide alone.
 * @module
 */

/** The part of `navigator.locks` that docket uses. */
interface LockManagerLike {
  request(name: string, options: { signal?: AbortSignal; ifAvailable?: boolean; mode?: 'exclusive' | 'shared' }, callback: (lock: unknown) => Promise<unknown> | unknown): Promise<unknown>
  query(): Promise<{ held?: Array<{ name?: string; mode?: string }> }>
}

/** Owners that hold a lock have ids that start with this (outside nanoid's alphabet). */
const LOCKED = '~'

function lockManager(): LockManagerLike | undefined {
  const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks
  return locks && typeof locks.request === 'function' && typeof locks.query === 'function' ? locks : undefined
}

/** The liveness of the contexts that share one database. */
export interface Liveness {
  /** This context's owner id: marked as lock-holding where Web Locks exist. */
  readonly owner: string
  /** Takes this context's lock; resolves once it is held (at once without Web Locks). */
  acquire(): Promise<void>
  /** The owners among `owners` known to be dead: lock-holding owners whose lock is not held. */
  dead(owners: Iterable<string>): Promise<Set<string>>
  /** Calls `onDead(owner)` once the context of `owner` dies; nothing where it cannot be known. */
  watch(owner: string): void
  /** Releases this context's lock and stops watching. */
  release(): void
}

/**
 * The liveness of one scheduler on the database `name`.
 * @param id a fresh id for this context.
 * @param onDead called once for each watched owner whose context died.
 * @param useLocks `false` where contexts the locks do not reach share the database (other
 * processes on one SQLite file): a lock not held would then "prove" a live owner dead.
 */
export function createLiveness(name: string, id: string, onDead: (owner: string) => void, useLocks = true): Liveness {
  const locks = useLocks ? lockManager() : undefined
  const owner = locks ? `${LOCKED}${id}` : id
  const lockName = (of: string): string => `docket:${name}:owner:${of}`
  const watched = new Map<string, AbortController>()
  let holding: AbortController | undefined
  let letGo: (() => void) | undefined

  return {
    owner,

    acquire() {
      if (!locks || holding) return Promise.resolve()
      holding = new AbortController()
      const held = new Promise<void>((granted, failed) => {
        locks.request(lockName(owner), { signal: holding!.signal }, () => {
          granted()
          // Held until `release()`, or until the browser ends this context.
          return new Promise<void>((resolve) => (letGo = resolve))
        }).catch(failed)
      })
      return held
    },

    async dead(owners) {
      const result = new Set<string>()
      const candidates = [...owners].filter((other) => other !== owner && other.startsWith(LOCKED))
      if (!locks || !candidates.length) return result
      const { held = [] } = await locks.query()
      // Only an owner holds its lock exclusively: a watcher's shared hold says nothing of the owner.
      const alive = new Set(held.filter((lock) => lock.mode !== 'shared').map((lock) => lock.name))
      for (const other of candidates) if (!alive.has(lockName(other))) result.add(other)
      return result
    },

    watch(other) {
      if (!locks || other === owner || !other.startsWith(LOCKED) || watched.has(other)) return
      const controller = new AbortController()
      watched.set(other, controller)
      // Granted only once the owner's context has let its lock go: once it died (or stopped).
      // Shared, so that `dead()` in another context that watches the same owner does not take
      // this hold for the owner's: with exclusive holds, two watchers each saw the other's
      // hold, took the owner for alive and watched again, forever (found by the simulation).
      locks.request(lockName(other), { signal: controller.signal, mode: 'shared' }, () => undefined).then(
        () => {
          watched.delete(other)
          onDead(other)
        },
        () => watched.delete(other),
      )
    },

    release() {
      for (const controller of watched.values()) controller.abort()
      watched.clear()
      holding?.abort()
      holding = undefined
      letGo?.()
      letGo = undefined
    },
  }
}
