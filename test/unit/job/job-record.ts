import type { JobRecord } from 'docket'

/** A waiting job record with every field a transition reads, overridable per test. */
export function jobRecord(overrides: Partial<JobRecord> = {}): JobRecord {
  return {
    id: 'j1', name: 'resize', queue: 'default', data: { width: 10 }, state: 'waiting', priority: 0, rank: 0,
    progress: 0, errors: [], attempts: 0, maxAttempts: 3, stalls: 0, maxStalls: 3, backoff: { type: 'fixed', delay: 100, jitter: 0 },
    requiresNetwork: false, createdAt: 1000, runAt: 1000,
    ...overrides,
  }
}

/** The record of a job claimed at `at` by `owner`: what a running attempt settles from. */
export function activeRecord(at: number, overrides: Partial<JobRecord> = {}): JobRecord {
  return jobRecord({ state: 'active', attempts: 1, startedAt: at, owner: 'me', token: 't1', leaseUntil: at + 30_000, ...overrides })
}
