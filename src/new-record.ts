import { DEFAULT_BACKOFF } from './backoff.js'
import type { InsertEntry } from './storage/storage.js'
import { pendingState } from './transitions.js'
import type { DefaultJobOptions, JobRecord } from './types.js'
import { uniqueSpec } from './unique.js'
import * as v from './validate.js'

/**
 * Validates the arguments of one `add` and builds the record to insert. Throws
 * `ValidationError` naming the bad argument; nothing is stored then.
 */
export function newRecord(name: unknown, data: unknown, options: unknown, defaults: DefaultJobOptions, id: () => string, now: number): InsertEntry {
  v.string('name', name)
  v.cloneable('data', data)
  const o = v.jobOptions(options)
  const runAt = o.runAt !== undefined ? (o.runAt instanceof Date ? o.runAt.getTime() : o.runAt) : now + (o.delay ?? 0)
  const priority = o.priority ?? defaults.priority ?? 0
  const unique = uniqueSpec(o.unique, name as string, data, now)
  const timeout = o.timeout ?? defaults.timeout
  const record: JobRecord = {
    id: o.id ?? id(),
    name: name as string,
    queue: o.queue ?? 'default',
    data,
    state: pendingState(runAt, now),
    priority,
    rank: -priority,
    progress: 0,
    errors: [],
    attempts: 0,
    maxAttempts: o.attempts ?? defaults.attempts ?? 3,
    backoff: o.backoff ? v.backoff('backoff', o.backoff) : (defaults.backoff ?? DEFAULT_BACKOFF),
    requiresNetwork: o.requiresNetwork ?? false,
    createdAt: now,
    runAt,
    ...(timeout !== undefined ? { timeout } : {}),
    ...(unique ? { uniqueKey: unique.key, uniqueScope: unique.scope } : {}),
  }
  return { record, checkId: o.id !== undefined }
}
