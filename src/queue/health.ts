/**
 * `queue.health()`: a snapshot that says whether work is stalling, and why jobs may wait.
 * Loaded on first call: an app that never asks does not load it.
 * @module
 */
import type { BlockedKey } from '../storage/ordering.js'
import type { PauseState } from '../storage/pause.js'
import type { Storage } from '../storage/storage.js'
import { claimableHere } from '../scheduler/stuck-watch.js'
import type { SchedulerOptions } from '../scheduler/scheduler-options.js'

/** What the storage says of itself, where the runtime tells (`navigator.storage`); each absent otherwise. */
export interface StorageHealth {
  /** Whether the origin's storage is persistent (not evicted under pressure): `navigator.storage.persisted()`. */
  persisted?: boolean
  /** Bytes the origin uses: `navigator.storage.estimate()`. */
  usage?: number
  /** Bytes the origin may use. */
  quota?: number
}

/**
 * The snapshot of `queue.health()`.
 * @example const { oldestDueWait, stuck, blockedKeys } = await queue.health()
 */
export interface QueueHealth {
  /** When it was taken, epoch ms. */
  at: number
  /** Whether this context's scheduler runs (claims jobs). */
  running: boolean
  /** Ms the oldest due job (waiting, or delayed whose time came) has waited since it was due; `0`: none is due. */
  oldestDueWait: number
  /**
   * Due jobs, among the first 100 a claim would take, that this context could claim (queue not
   * paused, limited or paced, the network there if needed) and that have been due for over a
   * third of `leaseDuration`. While a scheduler runs with a free slot, each is a stall (see the
   * `stuck` event); with `running: false`, another context may simply not be running.
   */
  stuck: number
  /** The ordering keys blocked by a job that failed for good: a legitimate wait. */
  blockedKeys: BlockedKey[]
  /** The paused queues (`all`: every queue): a legitimate wait. */
  paused: PauseState
  storage: StorageHealth
}

/** Jobs one snapshot looks at. */
const LOOK = 100

/** `navigator.storage`'s answers; none where it is missing or refuses. */
async function storageHealth(): Promise<StorageHealth> {
  const manager = (globalThis as { navigator?: { storage?: { persisted?: () => Promise<boolean>; estimate?: () => Promise<{ usage?: number; quota?: number }> } } }).navigator?.storage
  const [persisted, estimate] = await Promise.all([
    manager?.persisted?.().catch(() => undefined),
    manager?.estimate?.().catch(() => undefined),
  ])
  return {
    ...(typeof persisted === 'boolean' ? { persisted } : {}),
    ...(typeof estimate?.usage === 'number' ? { usage: estimate.usage } : {}),
    ...(typeof estimate?.quota === 'number' ? { quota: estimate.quota } : {}),
  }
}

/** Takes the snapshot. */
export async function readHealth(storage: Storage, options: Pick<SchedulerOptions, 'leaseMs' | 'online' | 'queueLimits' | 'rateLimits'>, running: boolean, at: number): Promise<QueueHealth> {
  const [due, blockedKeys, storageState] = await Promise.all([storage.dueJobs(at, LOOK), storage.blockedKeys(), storageHealth()])
  const threshold = options.leaseMs / 3
  const stuck = due.runnable.filter((record) => at - record.runAt > threshold && claimableHere(record, options, due.paused, at)).length
  return {
    at,
    running,
    oldestDueWait: due.oldestDueAt === undefined ? 0 : Math.max(0, at - due.oldestDueAt),
    stuck,
    blockedKeys,
    paused: due.paused,
    storage: storageState,
  }
}
