// The runtime globals a world puts in place of Node's for its run: the simulated clock and its
// timers, a seeded `Math.random`, Web Locks (or none) and BroadcastChannel.
import type { WorldConfig } from './schedule'
import type { SimChannels } from './sim-channel'
import type { SimClock } from './sim-clock'
import type { SimLocks } from './sim-locks'
import { seeded } from '../support/seeded'

/** Puts the world's globals in place; returns the undo. */
export function installGlobals(config: WorldConfig, clock: SimClock, locks: SimLocks, channels: SimChannels): () => void {
  const restoreClock = clock.install()
  const random = Math.random
  Math.random = seeded(config.seed)
  const g = globalThis as Record<string, unknown>
  const navigator = Object.getOwnPropertyDescriptor(globalThis, 'navigator')
  const channel = Object.getOwnPropertyDescriptor(globalThis, 'BroadcastChannel')
  Object.defineProperty(globalThis, 'navigator', { value: config.locks ? { locks } : {}, configurable: true, writable: true })
  g.BroadcastChannel = channels.BroadcastChannel
  return () => {
    restoreClock()
    Math.random = random
    if (navigator) Object.defineProperty(globalThis, 'navigator', navigator)
    else delete g.navigator
    if (channel) Object.defineProperty(globalThis, 'BroadcastChannel', channel)
    else delete g.BroadcastChannel
  }
}

