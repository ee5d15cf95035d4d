import { ValidationError } from '../errors.js'
import type { JobRecord } from './record.js'
import { JOB_STATES, pendingState, type JobState } from './job-states.js'
import type { UniqueOption } from './job-options.js'

/** The key and scope under which a job is deduplicated. */
export interface UniqueSpec {
  key: string
  scope: NonNullable<JobRecord['uniqueScope']>
}

/**
 * Computes the stored unique key. A `{ window }` scope folds the fixed window index into the
 * key (`floor(now / window)`, aligned to the epoch), so any job with that key blocks.
 */
export function uniqueSpec(option: UniqueOption | undefined, name: string, data: unknown, now: number): UniqueSpec | undefined {
  if (option === undefined) return undefined
  const spec = option === true ? {} : option
  const base = spec.key ?? `${name}:${dataKey(data)}`
  const scope = spec.scope ?? 'pending'
  if (typeof scope === 'object') return { key: `${base}@${Math.floor(now / scope.window)}`, scope: 'window' }
  return { key: base, scope }
}

const blocking: Record<UniqueSpec['scope'], ReadonlySet<JobState>> = {
  pending: new Set(['waiting', 'delayed', 'active']),
  waiting: new Set(['waiting', 'delayed']),
  window: new Set(JOB_STATES),
}

/** Whether an existing job with the same key blocks a new one of this scope. */
export function blocksDuplicate(existing: JobRecord, scope: UniqueSpec['scope']): boolean {
  return blocking[scope].has(existing.state)
}

/** The key part of `unique: true`: the data as stable JSON, or a `ValidationError` if it has none. */
function dataKey(data: unknown): string {
  try {
    return stableStringify(data)
  } catch (error) {
    // BigInt, a cycle, or nesting deeper than the engine's stack: JSON.stringify throws.
    throw new ValidationError(`Expected \`data\` to be JSON-serializable with \`unique: true\` (or give \`unique.key\`), got data that is not: ${(error as Error).message}`)
  }
}

/**
 * JSON with sorted object keys, so `{a,b}` and `{b,a}` give one key. The sorted copy has no
 * prototype: on a plain object, `sorted.__proto__ = v` would set the prototype and drop the key.
 */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted = Object.create(null) as Record<string, unknown>
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k]
      return sorted
    }
    return v
  }) ?? 'undefined'
}

/**
 * What a duplicate add makes of the existing job under `onDuplicate`, or `undefined` when the
 * job is kept as it is: it has started (a started job is never changed), or `how` is `ignore`.
 * `replace` takes the new `data` and `priority`, keeping the `runAt`; `debounce` moves the
 * `runAt` to the new add's too. `now` is when the new add was made.
 */
export function replaceDuplicate(existing: JobRecord, incoming: JobRecord, how: 'ignore' | 'replace' | 'debounce', now: number): JobRecord | undefined {
  if (how === 'ignore' || existing.attempts > 0 || (existing.state !== 'waiting' && existing.state !== 'delayed')) return undefined
  const replaced = { ...existing, data: incoming.data, priority: incoming.priority, rank: incoming.rank }
  if (how === 'replace') return replaced
  return { ...replaced, runAt: incoming.runAt, state: pendingState(incoming.runAt, now) }
}
