import { nanoid } from 'nanoid'

/** The data of every benchmark job: small, as a real queue's payloads usually are. */
export const jobData = (i: number): { i: number; url: string } => ({ i, url: `https://example.com/item/${i}` })

/**
 * A row with the fields docket stores for a new job (see src/job/new-record.ts and `toRow` in
 * src/storage/indexeddb/schema.ts), so that the raw limit writes what docket writes.
 * `seq` is left to the store's key generator, as docket's insert does.
 */
export function jobRow(i: number, at = Date.now()): Record<string, unknown> {
  return {
    id: nanoid(),
    name: 'noop',
    queue: 'default',
    data: jobData(i),
    state: 'waiting',
    priority: 0,
    rank: -0,
    progress: 0,
    errors: [],
    attempts: 0,
    maxAttempts: 3,
    stalls: 0,
    maxStalls: 3,
    backoff: { type: 'exponential', delay: 1000, jitter: 0 },
    requiresNetwork: false,
    createdAt: at,
    runAt: at,
    timeKey: at,
    // Schema 2: a waiting job without an ordering key is a claim candidate (the `runnable` index).
    runnable: 'waiting',
  }
}

/** The same row once its job has completed, as docket's settle leaves it. */
export function completedRow(i: number, at = Date.now()): Record<string, unknown> {
  const { runnable: _waiting, ...row } = jobRow(i, at)
  return {
    ...row,
    state: 'completed',
    attempts: 1,
    startedAt: at,
    settledAt: at,
    completedAt: at,
    duration: 0,
    result: undefined,
    timeKey: at,
  }
}

/**
 * The same row once a scheduler has claimed it, as docket's claim leaves it (see `claim` in
 * src/job/transitions.ts): `timeKey` is the lease's end, and it is no longer a claim candidate.
 */
export function activeRow(row: Record<string, unknown>, at = Date.now()): Record<string, unknown> {
  const { runnable: _waiting, ...rest } = row
  const leaseUntil = at + 30_000
  return { ...rest, state: 'active', attempts: 1, startedAt: at, owner: 'bench', token: 'bench-token', leaseUntil, timeKey: leaseUntil }
}

/** The claimed row once its job has completed, as docket's settle leaves it. */
export function settledRow(row: Record<string, unknown>, at = Date.now()): Record<string, unknown> {
  const { owner: _o, leaseUntil: _l, token: _t, ...rest } = row
  return { ...rest, state: 'completed', settledAt: at, completedAt: at, duration: 0, result: undefined, timeKey: at }
}
