// Real job records for the storage conformance suite, built by the same pure helpers the
// queue uses (newRecord, transitions), so the storages see exactly what they see in use.
import type { ClaimRequest, InsertEntry, JobOptions, JobRecord, SettledState, Storage, Update } from 'docket'
import { newRecord } from '../../src/job/new-record.js'
import { cancel, claim, complete, fail } from '../../src/job/transitions.js'

/** The suite's clock: every `now` is explicit, so time is exact and no test waits. */
export const T = 1_700_000_000_000

let ids = 0
let tokens = 0

/** A fresh fencing token, unique across the run. */
export function nextToken(): string {
  return `token-${++tokens}`
}

/** A new job as `queue.add(name, data, options)` would insert it at `now`. */
export function entry(options: JobOptions = {}, data: unknown = { n: 1 }, name = 'send', now = T): InsertEntry {
  return newRecord(name, data, options, {}, () => `job-${++ids}`, now)
}

/** Only the record of `entry()`. */
export function record(options: JobOptions = {}, data?: unknown, name?: string, now = T): JobRecord {
  return entry(options, data, name, now).record
}

/** A job claimed at `at` under a lease of `leaseMs`. */
export function activeRecord(at: number, leaseMs: number, options: JobOptions = {}): JobRecord {
  return claim(record(options), at, 'owner-x', nextToken(), leaseMs)
}

/** A job that ran once and settled in `state` at `at`. */
export function settledRecord(state: SettledState, at: number, options: JobOptions = {}): JobRecord {
  const running = claim(record(options), at - 5, 'owner-x', nextToken(), 1000)
  if (state === 'completed') return complete(running, { ok: true }, at)
  if (state === 'failed') return fail(running, { name: 'Error', message: 'boom', attempt: 1, at }, at, true)
  return cancel(running, at)
}

/** Inserts records as they are (no id check), in order; returns their ids. */
export async function seed(storage: Storage, records: JobRecord[]): Promise<string[]> {
  const results = await storage.insert(records.map((r) => ({ record: r, checkId: false })))
  return results.map((r) => r.record.id)
}

/** A claim at `now` that may take anything, with fresh tokens. */
export function claimRequest(over: Partial<ClaimRequest> = {}): ClaimRequest {
  return { now: T, owner: 'owner-a', leaseMs: 1000, limit: 100, queueLimits: {}, online: true, token: nextToken, ...over }
}

/** An update that applies `fn`, fenced by `token` when given. */
export function change(id: string, apply: Update['apply'], token?: string): Update {
  return token === undefined ? { id, apply } : { id, token, apply }
}

/** Ids of records, in order. */
export function idsOf(records: Array<{ id: string }>): string[] {
  return records.map((r) => r.id)
}
