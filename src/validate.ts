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
import type { ListOptions } from './queue/queue.js'
import type { RetentionOptions } from './queue/queue-options.js'
import type { StorageQuery } from './storage/storage.js'

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

/** A plain object (or undefined when optional). */
export function object<T>(name: string, value: unknown): T {
  if (!value || typeof value !== 'object' || Array.isArray(value)) fail(name, 'an object', value)
  return value as T
}

/** Data that IndexedDB can store: a structured clone must succeed. */
export function cloneable(name: string, value: unknown): void {
  try {
    structuredClone(value)
  } catch (error) {
    throw new ValidationError(`Expected \`${name}\` to be structured-cloneable, got ${describe(value)}: ${String((error as Error).message)}`)
  }
}

/** A backoff option. */
export function backoff(name: string, value: unknown): BackoffOptions {
  const b = object<BackoffOptions>(name, value)
  if (!isBackoffType(b.type)) fail(`${name}.type`, "'fixed' or 'exponential'", b.type)
  number(`${name}.delay`, b.delay)
  if (b.jitter !== undefined && (number(`${name}.jitter`, b.jitter) > 1)) fail(`${name}.jitter`, 'a number in 0..1', b.jitter)
  if (b.maxDelay !== undefined) number(`${name}.maxDelay`, b.maxDelay)
  return { type: b.type, delay: b.delay, jitter: b.jitter ?? 0, ...(b.maxDelay !== undefined ? { maxDelay: b.maxDelay } : {}) }
}

function unique(value: unknown): UniqueOption {
  if (value === true) return true
  const u = object<{ key?: unknown; scope?: unknown }>('unique', value)
  if (u.key !== undefined) string('unique.key', u.key)
  const scope = u.scope
  if (scope !== undefined && scope !== 'pending' && scope !== 'waiting') {
    if (!scope || typeof scope !== 'object') fail('unique.scope', "'pending', 'waiting' or { window: ms }", scope)
    number('unique.scope.window', (scope as { window?: unknown }).window, 1)
  }
  return value as UniqueOption
}

const jobOptionNames = new Set(['queue', 'delay', 'runAt', 'priority', 'attempts', 'backoff', 'timeout', 'unique', 'id', 'requiresNetwork'])

/** Checks the options of `add`; returns them as given. */
export function jobOptions(value: unknown, prefix = 'options'): JobOptions {
  if (value === undefined) return {}
  const o = object<Record<string, unknown>>(prefix, value)
  for (const key of Object.keys(o)) if (!jobOptionNames.has(key)) fail(`${prefix}`, `only known options (${[...jobOptionNames].join(', ')})`, key)
  if (o.queue !== undefined) string('queue', o.queue)
  if (o.delay !== undefined) number('delay', o.delay)
  if (o.runAt !== undefined) {
    const t = o.runAt instanceof Date ? o.runAt.getTime() : o.runAt
    if (typeof t !== 'number' || !Number.isFinite(t)) fail('runAt', 'a Date or epoch milliseconds', o.runAt)
  }
  if (o.delay !== undefined && o.runAt !== undefined) fail('delay', 'not given together with `runAt`', o.delay)
  if (o.priority !== undefined) integer('priority', o.priority)
  if (o.attempts !== undefined) integer('attempts', o.attempts, 1)
  if (o.backoff !== undefined) backoff('backoff', o.backoff)
  if (o.timeout !== undefined) number('timeout', o.timeout, 1)
  if (o.unique !== undefined) unique(o.unique)
  if (o.id !== undefined) string('id', o.id)
  if (o.requiresNetwork !== undefined && typeof o.requiresNetwork !== 'boolean') fail('requiresNetwork', 'a boolean', o.requiresNetwork)
  return o as JobOptions
}

const states = new Set<JobState>(JOB_STATES)
const settledStates = new Set<JobState>(SETTLED_STATES)

/** One state or an array of states; `settledOnly` for `clean`. */
export function stateList(name: string, value: unknown, settledOnly = false): JobState[] {
  const list = Array.isArray(value) ? value : [value]
  const allowed = settledOnly ? settledStates : states
  for (const s of list) if (!allowed.has(s as JobState)) fail(name, `one of ${[...allowed].map((x) => `'${x}'`).join(', ')}`, s)
  return list as JobState[]
}

/** The options of `list`, as the storage's query wants them (`states`: always a list). */
export function listOptions(value: unknown): Omit<StorageQuery, 'now'> {
  const { state, ...o } = value === undefined ? {} : object<ListOptions>('options', value)
  if (o.queue !== undefined) string('queue', o.queue)
  if (o.name !== undefined) string('name', o.name)
  const limit = o.limit === undefined ? DEFAULTS.listLimit : integer('limit', o.limit, 1)
  const offset = o.offset === undefined ? 0 : integer('offset', o.offset, 0)
  if (o.order !== undefined && o.order !== 'asc' && o.order !== 'desc') fail('order', "'asc' or 'desc'", o.order)
  return { ...o, ...(state === undefined ? {} : { states: stateList('state', state) }), limit, offset, order: o.order ?? 'asc' }
}

/** The `retention` option of `createQueue`. */
export function retention(value: unknown): RetentionOptions {
  const r = object<Record<string, unknown>>('retention', value)
  for (const [state, bound] of Object.entries(r)) {
    if (!settledStates.has(state as JobState)) fail('retention', "keys among 'completed', 'failed', 'canceled'", state)
    const b = object<{ maxAge?: unknown; maxCount?: unknown }>(`retention.${state}`, bound)
    if (b.maxAge !== undefined) number(`retention.${state}.maxAge`, b.maxAge)
    if (b.maxCount !== undefined) integer(`retention.${state}.maxCount`, b.maxCount, 0)
  }
  return r as RetentionOptions
}
