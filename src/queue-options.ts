import { StorageError, ValidationError } from './errors.js'
import type { WorkerLike } from './runners/worker-runner.js'
import { indexedDBStorage } from './storage/indexeddb-storage.js'
import type { Storage } from './storage/storage.js'
import type { DefaultJobOptions, JobHandlers, QueueOptions, RetentionOptions } from './types.js'
import * as v from './validate.js'

/**
 * Options of `createQueue`. Exactly one of `worker` and `handlers`.
 * @example createQueue<Jobs>({ worker: () => new Worker(new URL('./jobs.worker.ts', import.meta.url), { type: 'module' }) })
 */
export interface CreateQueueOptions<J extends JobHandlers = JobHandlers> {
  /** Makes one worker of the pool (a `Worker`, a Node `worker_threads` Worker, or a Comlink endpoint). */
  worker?: () => WorkerLike
  /** The handlers themselves, run in this thread (service workers, edge runtimes, tests). */
  handlers?: J
  /** Where jobs persist. @default indexedDBStorage() */
  storage?: Storage
  /** Jobs this scheduler runs at once, over all queues; also the size of the worker pool. @default 4 */
  concurrency?: number
  /** Per named queue: `concurrency` (across every context on the database) and `paused`. @default {} */
  queues?: Record<string, QueueOptions>
  /** Default `attempts`, `backoff`, `timeout` and `priority` of every job. */
  defaults?: DefaultJobOptions
  /** Settled jobs past either bound are removed as jobs settle. @default keep all */
  retention?: RetentionOptions
  /** Start the scheduler at once. @default true */
  autostart?: boolean
  /** Milliseconds an aborted handler may take before its worker is terminated. @default 3000 */
  abortGracePeriod?: number
  /** Milliseconds a claim holds without renewal before another context may recover the job. @default 30000 */
  leaseDuration?: number
  /** Milliseconds between stored progress writes of a job (events are emitted at once). @default 250 */
  progressInterval?: number
  /**
   * While a backlog lasts, claim up to this many jobs beyond the free slots, so that one
   * transaction serves many jobs. Held jobs start as slots free; a job added later with a
   * higher priority may start after them. `0` claims only for free slots.
   * @default 32
   */
  prefetch?: number
}

/** The options after validation, with defaults. */
export interface QueueConfig {
  storage: Storage
  concurrency: number
  queues: Record<string, QueueOptions>
  queueLimits: Record<string, number>
  defaults: DefaultJobOptions
  retention: RetentionOptions
  autostart: boolean
  gracePeriod: number
  leaseMs: number
  progressInterval: number
  prefetch: number
}

const known = new Set(['worker', 'handlers', 'storage', 'concurrency', 'queues', 'defaults', 'retention', 'autostart', 'abortGracePeriod', 'leaseDuration', 'progressInterval', 'prefetch'])

function defaultStorage(): Storage {
  if (!(globalThis as { indexedDB?: unknown }).indexedDB) {
    throw new StorageError('No IndexedDB in this runtime: pass `storage: memoryStorage()`, or `storage: indexedDBStorage({ indexedDB })` with an IndexedDB shim')
  }
  return indexedDBStorage()
}

/** Validates `createQueue` options synchronously; throws `ValidationError` naming the option. */
export function queueConfig(options: unknown): QueueConfig {
  const o = v.object<CreateQueueOptions>('options', options)
  for (const key of Object.keys(o)) if (!known.has(key)) v.fail('options', `only known options (${[...known].join(', ')})`, key)
  if ((o.worker === undefined) === (o.handlers === undefined)) {
    throw new ValidationError(`Expected exactly one of \`worker\` and \`handlers\`, got ${o.worker === undefined ? 'neither' : 'both'}`)
  }
  if (o.worker !== undefined && typeof o.worker !== 'function') v.fail('worker', 'a function that returns a Worker', o.worker)
  if (o.handlers !== undefined) {
    const h = v.object<Record<string, unknown>>('handlers', o.handlers)
    for (const [name, fn] of Object.entries(h)) if (typeof fn !== 'function') v.fail(`handlers.${name}`, 'a function', fn)
  }
  const queues = o.queues === undefined ? {} : v.object<Record<string, QueueOptions>>('queues', o.queues)
  const queueLimits: Record<string, number> = {}
  for (const [name, q] of Object.entries(queues)) {
    v.object(`queues.${name}`, q)
    if (q.concurrency !== undefined) queueLimits[name] = v.integer(`queues.${name}.concurrency`, q.concurrency, 1)
    if (q.paused !== undefined && typeof q.paused !== 'boolean') v.fail(`queues.${name}.paused`, 'a boolean', q.paused)
  }
  const defaults = o.defaults === undefined ? {} : v.object<DefaultJobOptions>('defaults', o.defaults)
  for (const key of Object.keys(defaults)) if (!['attempts', 'backoff', 'timeout', 'priority'].includes(key)) v.fail('defaults', 'only attempts, backoff, timeout and priority', key)
  v.jobOptions(defaults, 'defaults')
  if (o.autostart !== undefined && typeof o.autostart !== 'boolean') v.fail('autostart', 'a boolean', o.autostart)
  const storage = o.storage ?? defaultStorage()
  if (!storage || typeof storage !== 'object' || typeof (storage as Storage).claim !== 'function') v.fail('storage', 'a storage (indexedDBStorage() or memoryStorage())', storage)
  return {
    storage,
    concurrency: o.concurrency === undefined ? 4 : v.integer('concurrency', o.concurrency, 1),
    queues,
    queueLimits,
    defaults: { ...defaults, ...(defaults.backoff ? { backoff: v.backoff('defaults.backoff', defaults.backoff) } : {}) },
    retention: o.retention === undefined ? {} : v.retention(o.retention),
    autostart: o.autostart ?? true,
    gracePeriod: o.abortGracePeriod === undefined ? 3000 : v.number('abortGracePeriod', o.abortGracePeriod),
    leaseMs: o.leaseDuration === undefined ? 30_000 : v.number('leaseDuration', o.leaseDuration, 100),
    progressInterval: o.progressInterval === undefined ? 250 : v.number('progressInterval', o.progressInterval),
    prefetch: o.prefetch === undefined ? 32 : v.integer('prefetch', o.prefetch, 0),
  }
}
