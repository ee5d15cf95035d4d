import { DEFAULTS } from '../defaults.js'
import type { InsertEntry } from '../storage/storage.js'
import * as check from '../validate.js'
import type { DefaultJobOptions } from './job-options.js'
import { pendingState } from './job-states.js'
import type { JobRecord } from './record.js'
import { uniqueSpec } from './unique.js'

/**
 * Validates the arguments of one `add` and builds the record to insert. Throws
 * `ValidationError` naming the bad argument; nothing is stored then.
 */
export function newRecord(name: unknown, data: unknown, options: unknown, defaults: DefaultJobOptions, id: () => string, now: number): InsertEntry {
  check.string('name', name)
  // The clone is stored: a bulk add validates in slices, and the caller may change `data` meanwhile.
  const stored = check.cloneable('data', data)
  const opts = check.jobOptions(options)
  const runAt = opts.runAt !== undefined ? (opts.runAt instanceof Date ? opts.runAt.getTime() : opts.runAt) : now + (opts.delay ?? 0)
  const priority = opts.priority ?? defaults.priority ?? DEFAULTS.priority
  const unique = uniqueSpec(opts.unique, name as string, data, now)
  const timeout = opts.timeout ?? defaults.timeout
  const ttl = opts.ttl ?? defaults.ttl
  // A job that could never start within its ttl is a mistake of the caller's, said now.
  if (ttl !== undefined && runAt >= now + ttl) check.fail('ttl', `more than the job's delay (${runAt - now} ms), or it could never start`, ttl)
  const record: JobRecord = {
    id: opts.id ?? id(),
    name: name as string,
    queue: opts.queue ?? DEFAULTS.queue,
    data: stored,
    state: pendingState(runAt, now),
    priority,
    rank: -priority,
    progress: 0,
    errors: [],
    attempts: 0,
    maxAttempts: opts.attempts ?? defaults.attempts ?? DEFAULTS.attempts,
    stalls: 0,
    maxStalls: opts.maxStalls ?? defaults.maxStalls ?? DEFAULTS.maxStalls,
    backoff: opts.backoff ? check.backoff('backoff', opts.backoff) : (defaults.backoff ?? DEFAULTS.backoff),
    requiresNetwork: opts.requiresNetwork ?? false,
    createdAt: now,
    runAt,
    ...(timeout !== undefined ? { timeout } : {}),
    ...(ttl !== undefined ? { expiresAt: now + ttl } : {}),
    ...(unique ? { uniqueKey: unique.key, uniqueScope: unique.scope } : {}),
    ...(opts.orderingKey !== undefined ? { orderingKey: opts.orderingKey } : {}),
  }
  const onDuplicate = typeof opts.unique === 'object' ? opts.unique.onDuplicate : undefined
  return { record, checkId: opts.id !== undefined, ...(onDuplicate && onDuplicate !== 'ignore' ? { onDuplicate } : {}) }
}
