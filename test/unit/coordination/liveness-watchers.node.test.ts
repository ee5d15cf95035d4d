// Several contexts watch one owner: when it dies, each must see it dead. Found by the simulation
// (test/sim): each watcher's own brief hold of the owner's lock made the others take the owner
// for alive, so they watched again, and again, forever. Web Locks as browsers grant them, from
// the simulation's lock manager.
import { afterEach, describe, expect, it } from 'vitest'
import { createLiveness } from '../../../src/coordination/liveness'
import { simLocks } from '../../sim/sim-locks'

const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator')
afterEach(() => {
  if (saved) Object.defineProperty(globalThis, 'navigator', saved)
  else delete (globalThis as { navigator?: unknown }).navigator
})

describe('liveness with several watchers', () => {
  it('tells every watcher that the owner died, once each', async () => {
    Object.defineProperty(globalThis, 'navigator', { value: { locks: simLocks() }, configurable: true, writable: true })
    const owner = createLiveness('db', 'owner', () => undefined)
    await owner.acquire()
    const verdicts: boolean[] = []
    let heard!: () => void
    const allHeard = new Promise<void>((resolve) => (heard = resolve))
    const watchers = ['b', 'c', 'd'].map((id) => {
      const watcher = createLiveness('db', id, (other) => {
        void watcher.dead([other]).then((dead) => {
          verdicts.push(dead.has(other))
          if (verdicts.length === 3) heard()
        })
      })
      return watcher
    })
    for (const watcher of watchers) watcher.watch(owner.owner)
    owner.release()
    await allHeard
    expect(verdicts).toEqual([true, true, true])
  })
})
