import { unref } from '../coordination/unref.js'
import type { JobRecord } from '../job/record.js'
import { renew, stall } from '../job/transitions.js'
import type { Storage, UpdateResult } from '../storage/storage.js'
import type { Entry } from './entry.js'
import type { Pending } from './group-commit.js'
import type { HeldJobs } from './held-jobs.js'
import type { SchedulerEmit } from './scheduler-events.js'

/** What the leases need from their scheduler. */
export interface LeasesContext {
  storage: Storage
  now(): number
  leaseMs: number
  emit: SchedulerEmit
  wake(): void
  jobs: Pick<HeldJobs, 'get' | 'size' | 'abort' | 'cancel'>
}

/**
 * The leases of one scheduler: it renews those of the jobs it holds (with the next claim, a
 * third of a lease apart), stops a job whose lease went to another context, and recovers jobs
 * whose lease expired in a context that is gone.
 */
export function createLeases({ storage, now, leaseMs, emit, wake, jobs }: LeasesContext) {
  let renewalDue = false
  let timer: ReturnType<typeof setInterval> | undefined

  function sweep(): void {
    sweepExpired(storage, now(), (id) => jobs.get(id) !== undefined, emit)
      .then((recovered) => recovered && wake())
      .catch((error: unknown) => emit('error', { error: error as Error }))
  }

  /** A write that the fence refused means another context owns the job now: stop quietly. */
  function checkLease(entry: Entry, result: UpdateResult | undefined): void {
    if (jobs.get(entry.record.id) !== entry) return
    if (!result?.after) jobs.abort(entry, 'lost', new Error('The lease of this job was lost to another context'))
    else if (result.after.cancelRequested) jobs.cancel(entry)
  }

  /** A write of a job held here, fenced by its token: a refusal means the lease was lost. */
  function fenced(entry: Entry, apply: (record: JobRecord) => JobRecord): Pending {
    return { update: { id: entry.record.id, token: entry.record.token, apply }, done: (result) => checkLease(entry, result) }
  }

  return {
    /** Sweeps expired leases now and every third of a lease, and renews this scheduler's as often. */
    start(): void {
      clearInterval(timer)
      timer = unref(setInterval(() => {
        renewalDue = jobs.size() > 0
        if (renewalDue) wake()
        sweep()
      }, Math.max(50, Math.floor(leaseMs / 3))))
      sweep()
    },
    stop(): void {
      clearInterval(timer)
    },
    /** Whether this claim renews the leases held here; asked once per claim. */
    takeRenewal(): boolean {
      const due = renewalDue
      renewalDue = false
      return due
    },
    renewal: (entry: Entry): Pending => fenced(entry, (record) => renew(record, now(), leaseMs)),
    fenced,
  }
}

/**
 * Recovers jobs whose lease expired (their context closed, crashed or hung); `stall` decides
 * what becomes of each. The write is fenced by the job's token and re-checks the lease
 * inside the transaction, so a job whose owner renewed it meanwhile is never touched.
 * @returns how many jobs were recovered.
 */
async function sweepExpired(
  storage: Storage,
  now: number,
  ownedHere: (id: string) => boolean,
  emit: SchedulerEmit,
): Promise<number> {
  const expired = (await storage.expired(now, 100)).filter((record) => !ownedHere(record.id))
  if (!expired.length) return 0
  const results = await storage.update(expired.map((record) => ({
    id: record.id,
    token: record.token,
    apply: (current: JobRecord) => (current.state === 'active' && (current.leaseUntil ?? Infinity) < now ? stall(current, now) : undefined),
  })))
  let recovered = 0
  for (const { after } of results) {
    if (!after) continue
    recovered++
    emit(after.state === 'canceled' ? 'canceled' : 'stalled', { record: after })
  }
  return recovered
}
