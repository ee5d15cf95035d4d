import { DEFAULTS } from '../defaults.js'
import { dictionary } from '../dictionary.js'
import { StorageError, ValidationError } from '../errors.js'
import { DEFAULTABLE_OPTIONS, type DefaultJobOptions } from '../job/job-options.js'
import type { SettledState } from '../job/job-states.js'
import type { JobHandlers } from '../runners/handlers.js'
import type { WorkerLike } from '../runners/worker-runner.js'
import { indexedDBStorage } from '../storage/indexeddb/indexeddb-storage.js'
import type { Storage } from '../storage/storage.js'
import type { RateLimit } from '../scheduler/rate-limit.js'
import * as check from '../validate.js'

/**
 * Per named queue options of `createQueue`.
 * @example { uploads: { concurrency: 2 }, reports: { paused: true } }
 */
export interface QueueOptions {
  /** Active jobs of this queue at once, across every context that shares the database. Minimum: `1`. @default no limit */
  concurrency?: number
  /** Start paused (stored, so it holds across contexts). @default the stored state */
  paused?: boolean
  /**
   * At most `max` handlers of this queue start in any window of `duration` ms, across every
   * context (tabs, workers, the service worker): one budget, stored. Give every context the
   * same. A job must start within `startWithin` ms of its claim or it goes back, and a context
   * with a rate limit claims no jobs ahead; see {@link RateLimit} for exactly what holds.
   * @default no limit
   * @example { api: { rateLimit: { max: 5, duration: 1000 } } }
   */
  rateLimit?: RateLimit
}

/** Bounds past which settled jobs are removed. */
export interface RetentionBound {
  /** Remove settled jobs older than this many ms (since they settled). @default no bound */
  maxAge?: number
  /** Keep at most this many jobs of the state; the oldest go first. @default no bound */
  maxCount?: number
}

/**
 * Retention per settled state.
 * @example { completed: { maxCount: 1000 }, failed: { maxAge: 7 * 86_400_000 } }
 */
export type RetentionOptions = Partial<Record<SettledState, RetentionBound>>

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
  /** Jobs this scheduler runs at once, over all queues; also the size of the worker pool. Minimum: `1`. @default {@link DEFAULTS.concurrency} */
  concurrency?: number
  /** Per named queue: `concurrency` (across every context on the database), `paused` and `rateLimit`. @default {} */
  queues?: Record<string, QueueOptions>
  /** Default `attempts`, `backoff`, `timeout` and `priority` of every job. @default {} */
  defaults?: DefaultJobOptions
  /** Settled jobs past either bound are removed as jobs settle. @default keep all */
  retention?: RetentionOptions
  /** Start the scheduler at once. @default true */
  autostart?: boolean
  /** Milliseconds an aborted handler may take before its worker is terminated. Minimum: `0`. Maximum: `2 ** 31 - 1` (≈ 24.8 days, the timer limit). @default {@link DEFAULTS.abortGracePeriod} */
  abortGracePeriod?: number
  /** Milliseconds a claim holds without renewal before another context may recover the job. Minimum: `100`. Maximum: `2 ** 31 - 1` (≈ 24.8 days, the timer limit). @default {@link DEFAULTS.leaseDuration} */
  leaseDuration?: number
  /** Milliseconds between stored progress writes of a job (events are emitted at once). Minimum: `0`. Maximum: `2 ** 31 - 1` (≈ 24.8 days, the timer limit). @default {@link DEFAULTS.progressInterval} */
  progressInterval?: number
  /**
   * While a backlog lasts, claim up to this many jobs beyond the free slots, so that one
   * transaction serves many jobs. Held jobs start as slots free; a job added later with a
   * higher priority may start after them. `0` claims only for free slots.
   * @default {@link DEFAULTS.prefetch}
   */
  prefetch?: number
}

/** The options after validation, with defaults. */
export interface QueueConfig {
  storage: Storage
  concurrency: number
  queues: Record<string, QueueOptions>
  queueLimits: Record<string, number>
  rateLimits: Record<string, RateLimit>
  defaults: DefaultJobOptions
  retention: RetentionOptions
  autostart: boolean
  gracePeriod: number
  leaseMs: number
  progressInterval: number
  prefetch: number
}

const known = new Set(['worker', 'handlers', 'storage', 'concurrency', 'queues', 'defaults', 'retention', 'autostart', 'abortGracePeriod', 'leaseDuration', 'progressInterval', 'prefetch'])
const defaultable = new Set<string>(DEFAULTABLE_OPTIONS)

/** `indexedDBStorage({ name })`, or a `StorageError` that names the ways out where there is no IndexedDB. */
export function defaultStorage(name?: string): Storage {
  if (!(globalThis as { indexedDB?: unknown }).indexedDB) {
    throw new StorageError('No IndexedDB in this runtime: pass `storage: memoryStorage()`, or `storage: indexedDBStorage({ indexedDB })` with an IndexedDB shim')
  }
  return indexedDBStorage(name === undefined ? {} : { name })
}

function queueOptions(value: unknown): { queues: Record<string, QueueOptions>; queueLimits: Record<string, number>; rateLimits: Record<string, RateLimit> } {
  const queues = value === undefined ? {} : check.object<Record<string, QueueOptions>>('queues', value)
  const queueLimits: Record<string, number> = dictionary()
  const rateLimits: Record<string, RateLimit> = dictionary()
  for (const [name, queue] of Object.entries(queues)) {
    check.object(`queues.${name}`, queue)
    check.knownKeys(`queues.${name}`, queue, ['concurrency', 'paused', 'rateLimit'])
    if (queue.concurrency !== undefined) queueLimits[name] = check.integer(`queues.${name}.concurrency`, queue.concurrency, 1)
    if (queue.paused !== undefined && typeof queue.paused !== 'boolean') check.fail(`queues.${name}.paused`, 'a boolean', queue.paused)
    if (queue.rateLimit !== undefined) rateLimits[name] = check.rateLimit(`queues.${name}.rateLimit`, queue.rateLimit)
  }
  return { queues, queueLimits, rateLimits }
}

function defaultJobOptions(value: unknown): DefaultJobOptions {
  const defaults = value === undefined ? {} : check.object<DefaultJobOptions>('defaults', value)
  for (const key of Object.keys(defaults)) if (!defaultable.has(key)) check.fail('defaults', `only ${DEFAULTABLE_OPTIONS.join(', ')}`, key)
  check.jobOptions(defaults, 'defaults')
  return { ...defaults, ...(defaults.backoff ? { backoff: check.backoff('defaults.backoff', defaults.backoff) } : {}) }
}

/** Validates `createQueue` options synchronously; throws `ValidationError` naming the option. */
export function queueConfig(options: unknown): QueueConfig {
  const opts = check.object<CreateQueueOptions>('options', options)
  for (const key of Object.keys(opts)) if (!known.has(key)) check.fail('options', `only known options (${[...known].join(', ')})`, key)
  if ((opts.worker === undefined) === (opts.handlers === undefined)) {
    throw new ValidationError(`Expected exactly one of \`worker\` and \`handlers\`, got ${opts.worker === undefined ? 'neither' : 'both'}`)
  }
  if (opts.worker !== undefined && typeof opts.worker !== 'function') check.fail('worker', 'a function that returns a Worker', opts.worker)
  if (opts.handlers !== undefined) {
    const handlers = check.object<Record<string, unknown>>('handlers', opts.handlers)
    for (const [name, fn] of Object.entries(handlers)) if (typeof fn !== 'function') check.fail(`handlers.${name}`, 'a function', fn)
  }
  const { queues, queueLimits, rateLimits } = queueOptions(opts.queues)
  const defaults = defaultJobOptions(opts.defaults)
  if (opts.autostart !== undefined && typeof opts.autostart !== 'boolean') check.fail('autostart', 'a boolean', opts.autostart)
  const storage = opts.storage ?? defaultStorage()
  if (!storage || typeof storage !== 'object' || typeof (storage as Storage).claim !== 'function') check.fail('storage', 'a storage (indexedDBStorage() or memoryStorage())', storage)
  const optional = (name: keyof typeof DEFAULTS & keyof CreateQueueOptions, min: number, kind: 'integer' | 'duration'): number => {
    const value = opts[name]
    if (value === undefined) return DEFAULTS[name] as number
    return kind === 'integer' ? check.integer(name, value, min) : check.duration(name, value, min)
  }
  return {
    storage,
    concurrency: optional('concurrency', 1, 'integer'),
    queues,
    queueLimits,
    rateLimits,
    defaults,
    retention: opts.retention === undefined ? {} : check.retention(opts.retention),
    autostart: opts.autostart ?? true,
    gracePeriod: optional('abortGracePeriod', 0, 'duration'),
    leaseMs: optional('leaseDuration', 100, 'duration'),
    progressInterval: optional('progressInterval', 0, 'duration'),
    prefetch: optional('prefetch', 0, 'integer'),
  }
}
