import type { JobRunner } from '../runners/runner.js'
import type { SchedulerEmit } from './scheduler-events.js'
import type { Storage } from '../storage/storage.js'
import type { RateLimit } from './rate-limit.js'

/** What the scheduler needs from the queue that owns it. */
export interface SchedulerOptions {
  storage: Storage
  runner: JobRunner
  /** A fresh id of this scheduler: the `owner` of the jobs it claims, marked where Web Locks tell its liveness. */
  owner: string
  concurrency: number
  /** Jobs claimed ahead of free slots while there is a backlog (0: claim only for free slots). */
  prefetch: number
  queueLimits: Record<string, number>
  /** Rate limits of named queues: claims counted in the claim's transaction across contexts, starts held to their deadline. */
  rateLimits: Record<string, RateLimit>
  /** How long a claim holds before another context may take the job over. */
  leaseMs: number
  gracePeriod: number
  /** Progress is written at most this often per job (events are emitted at once). */
  progressInterval: number
  online(): boolean
  now(): number
  emit: SchedulerEmit
}
