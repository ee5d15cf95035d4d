/**
 * Validation at the edge: every public input is checked here, and a failure names the
 * option, what was expected and what arrived (``Expected `priority` to be an integer, got 1.5``).
 * @module
 */
import { isBackoffType } from './job/backoff.js'
import { ValidationError } from './errors.js'
import type { BackoffOptions, JobOptions, UniqueOption } from './job/job-options.js'
import { JOB_STATES, SETTLED_STATES, type JobState } from './job/job-states.js'
import { DEFAULTS } from './defaults.js'
import { MAX_TIMER_DELAY } from './timer-limit.js'
import { MAX_DATA_DEPTH, nestsDeeperThan } from './data-depth.js'
import type { ListOptions } from './queue/queue.js'
import type { RetentionOptions } from './queue/queue-options.js'
import type { StorageQuery } from './storage/storage.js'
import type { RateLimit } from './scheduler/rate-limit.js'

/** A short description of a received value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  if (typeof value === 'function') return 'a function'
  if (Array.isArray(value)) return 'an array'
  if (value instanceof Date) return `Date(${String(value.getTime())})`
  return typeof value === 'object' ? 'an object' : String(value)
}

/** Throws a `ValidationError` saying what `name` should have been. */
export function fail(name: string, expected: string, value: unknown): never {
  throw new ValidationError(`Expected \`${name}\` to be ${expected}, got ${describe(value)}`)
}

/** A finite number >= min. */
export function number(name: string, value: unknown, min = 0): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) fail(name, `a finite number >= ${min}`, value)
  return value
}

/**
 * A duration in ms that arms a timer: a finite number in `min..2 ** 31 - 1` (the timer limit,
 * ≈ 24.8 days; a longer timer fires at once). `hint` says what to use for a longer wait.
 */
export function duration(name: string, value: unknown, min = 0, hint = ''): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > MAX_TIMER_DELAY) {
    fail(name, `a finite number of ms in ${min}..${MAX_TIMER_DELAY} (the timer limit, ≈ 24.8 days${hint})`, value)
  }
  return value
}

/** An integer >= min. */
export function integer(name: string, value: unknown, min = Number.MIN_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    fail(name, min === Number.MIN_SAFE_INTEGER ? 'an integer' : `an integer >= ${min}`, value)
  }
  return value
}

/** A non-empty string. */
export function string(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) fail(name, 'a non-empty string', value)
  return value
}

/**
 * Only the `known` keys in the object `value` named `name`: a typo at any depth is an error
 * that names its full path (``Expected `queues.q` to have only known options (…), got `queues.q.concurency` ``).
 */
export function knownKeys(name: string, value: object, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw new ValidationError(`Expected \`${name}\` to have only known options (${known.join(', ')}), got \`${name}.${key}\``)
  }
}

/** A plain object (or undefined when optional). */
export function object<T>(name: string, value: unknown): T {
  if (!value || typeof value !== 'object' || Array.isArray(value)) fail(name, 'an object', value)
  return value as T
}

/**
 * Data that IndexedDB can store faithfully: a structured clone must succeed, and nest at most
 * `MAX_DATA_DEPTH` levels. Returns the clone: the value as it was now.
 */
export function cloneable(name: string, value: unknown): unknown {
  // The value itself, not its clone: Chromium's structured clone already turns a deep part into `null`.
  let deep = false
  try {
    deep = nestsDeeperThan(value, MAX_DATA_DEPTH)
  } catch {
    // A value the walk cannot read (a throwing getter, a revoked proxy): the clone below says why.
  }
  if (deep) fail(name, `nested at most ${MAX_DATA_DEPTH} levels deep (deeper values are not stored faithfully)`, value)
  try {
    return structuredClone(value)
  } catch (error) {
    throw new ValidationError(`Expected \`${name}\` to be structured-cloneable, got ${describe(value)}: ${String((error as Error).message)}`)
  }
}

/** A backoff option. */
export function backoff(name: string, value: unknown): BackoffOptions {
  const option = object<BackoffOptions>(name, value)
  knownKeys(name, option, ['type', 'delay', 'jitter', 'maxDelay'])
  if (!isBackoffType(option.type)) fail(`${name}.type`, "'fixed' or 'exponential'", option.type)
  duration(`${name}.delay`, option.delay)
  if (option.jitter !== undefined && (number(`${name}.jitter`, option.jitter) > 1)) fail(`${name}.jitter`, 'a number in 0..1', option.jitter)
  if (option.maxDelay !== undefined) duration(`${name}.maxDelay`, option.maxDelay)
  return { type: option.type, delay: option.delay, jitter: option.jitter ?? 0, ...(option.maxDelay !== undefined ? { maxDelay: option.maxDelay } : {}) }
}

function unique(name: string, value: unknown): UniqueOption {
  if (value === true) return true
  const option = object<{ key?: unknown; scope?: unknown; onDuplicate?: unknown }>(name, value)
  knownKeys(name, option, ['key', 'scope', 'onDuplicate'])
  if (option.key !== undefined) string(`${name}.key`, option.key)
  const onDuplicate = option.onDuplicate
  if (onDuplicate !== undefined && onDuplicate !== 'ignore' && onDuplicate !== 'replace' && onDuplicate !== 'debounce') {
    fail(`${name}.onDuplicate`, "'ignore', 'replace' or 'debounce'", onDuplicate)
  }
  const scope = option.scope
  if (scope !== undefined && scope !== 'pending' && scope !== 'waiting') {
    if (!scope || typeof scope !== 'object' || Array.isArray(scope)) fail(`${name}.scope`, "'pending', 'waiting' or { window: ms }", scope)
    knownKeys(`${name}.scope`, scope, ['window'])
    number(`${name}.scope.window`, (scope as { window?: unknown }).window, 1)
  }
  return value as UniqueOption
}

const jobOptionNames = new Set(['queue', 'delay', 'runAt', 'priority', 'attempts', 'maxStalls', 'backoff', 'timeout', 'unique', 'id', 'requiresNetwork', 'orderingKey', 'ttl'])

/**
 * Checks the options of `add`; returns them as given. Under another `prefix` than `options`
 * (`defaults`, `template.options`), each option is named by its path (`defaults.timeout`).
 */
export function jobOptions(value: unknown, prefix = 'options'): JobOptions {
  if (value === undefined) return {}
  const options = object<Record<string, unknown>>(prefix, value)
  for (const key of Object.keys(options)) if (!jobOptionNames.has(key)) fail(`${prefix}`, `only known options (${[...jobOptionNames].join(', ')})`, key)
  const at = (name: string): string => (prefix === 'options' ? name : `${prefix}.${name}`)
  if (options.queue !== undefined) string(at('queue'), options.queue)
  if (options.delay !== undefined) duration(at('delay'), options.delay, 0, '; give `runAt` for a later time')
  if (options.runAt !== undefined) {
    const time = options.runAt instanceof Date ? options.runAt.getTime() : options.runAt
    if (typeof time !== 'number' || !Number.isFinite(time)) fail(at('runAt'), 'a Date or epoch milliseconds', options.runAt)
  }
  if (options.delay !== undefined && options.runAt !== undefined) fail(at('delay'), 'not given together with `runAt`', options.delay)
  if (options.priority !== undefined) integer(at('priority'), options.priority)
  if (options.attempts !== undefined) integer(at('attempts'), options.attempts, 1)
  if (options.maxStalls !== undefined) integer(at('maxStalls'), options.maxStalls, 0)
  if (options.backoff !== undefined) backoff(at('backoff'), options.backoff)
  if (options.timeout !== undefined) duration(at('timeout'), options.timeout, 1)
  if (options.unique !== undefined) unique(at('unique'), options.unique)
  if (options.id !== undefined) string(at('id'), options.id)
  if (options.requiresNetwork !== undefined && typeof options.requiresNetwork !== 'boolean') fail(at('requiresNetwork'), 'a boolean', options.requiresNetwork)
  if (options.orderingKey !== undefined) string(at('orderingKey'), options.orderingKey)
  if (options.ttl !== undefined) number(at('ttl'), options.ttl, 1)
  return options as JobOptions
}

const states = new Set<JobState>(JOB_STATES)
const settledStates = new Set<JobState>(SETTLED_STATES)

/** One state or an array of states; `settledOnly` for `clean`. */
export function stateList(name: string, value: unknown, settledOnly = false): JobState[] {
  const list = Array.isArray(value) ? value : [value]
  const allowed = settledOnly ? settledStates : states
  for (const state of list) if (!allowed.has(state as JobState)) fail(name, `one of ${[...allowed].map((known) => `'${known}'`).join(', ')}`, state)
  return list as JobState[]
}

/** The options of `list`, as the storage's query wants them (`states`: always a list). */
export function listOptions(value: unknown): Omit<StorageQuery, 'now'> {
  const { state, ...options } = value === undefined ? {} : object<ListOptions>('options', value)
  if (options.queue !== undefined) string('queue', options.queue)
  if (options.name !== undefined) string('name', options.name)
  const limit = options.limit === undefined ? DEFAULTS.listLimit : integer('limit', options.limit, 1)
  const offset = options.offset === undefined ? 0 : integer('offset', options.offset, 0)
  if (options.order !== undefined && options.order !== 'asc' && options.order !== 'desc') fail('order', "'asc' or 'desc'", options.order)
  return { ...options, ...(state === undefined ? {} : { states: stateList('state', state) }), limit, offset, order: options.order ?? 'asc' }
}

/** A rate limit `{ max, duration, startWithin? }` of a named queue. */
export function rateLimit(name: string, value: unknown): RateLimit {
  const limit = object<{ max?: unknown; duration?: unknown; startWithin?: unknown }>(name, value)
  for (const key of Object.keys(limit)) if (key !== 'max' && key !== 'duration' && key !== 'startWithin') fail(name, 'only `max`, `duration` and `startWithin`', key)
  const checked = { max: integer(`${name}.max`, limit.max, 1), duration: duration(`${name}.duration`, limit.duration, 1) }
  return limit.startWithin === undefined ? checked : { ...checked, startWithin: duration(`${name}.startWithin`, limit.startWithin, 0) }
}

/** The `retention` option of `createQueue`. */
export function retention(value: unknown): RetentionOptions {
  const byState = object<Record<string, unknown>>('retention', value)
  for (const [state, bound] of Object.entries(byState)) {
    if (!settledStates.has(state as JobState)) fail('retention', "keys among 'completed', 'failed', 'canceled'", state)
    const limits = object<{ maxAge?: unknown; maxCount?: unknown }>(`retention.${state}`, bound)
    knownKeys(`retention.${state}`, limits, ['maxAge', 'maxCount'])
    if (limits.maxAge !== undefined) number(`retention.${state}.maxAge`, limits.maxAge)
    if (limits.maxCount !== undefined) integer(`retention.${state}.maxCount`, limits.maxCount, 0)
  }
  return byState as RetentionOptions
}
