import type { Liveness } from '../coordination/liveness.js'
import { timerDelay } from '../timer-limit.js'
import { unref } from '../coordination/unref.js'
import type { JobRecord } from '../job/record.js'
import { renew, stall } from '../job/transitions.js'
import type { Storage, UpdateResult } from '../storage/storage.js'
import type { Entry } from './entry.js'
import type { Pending } from './group-commit.js'
import type { HeldJobs } from './held-jobs.js'
import type { SchedulerEmit } from './scheduler-events.js'
import { emitCascaded } from './cascade-events.js'
import type { SchedulerOptions } from './scheduler-options.js'
import { createStuckWatch } from './stuck-watch.js'

/** What the leases need from their scheduler. */
export interface LeasesContext {
  storage: Storage
  now(): number
  leaseMs: number
  emit: SchedulerEmit
  wake(): void
  jobs: Pick<HeldJobs, 'get' | 'size' | 'abort' | 'cancel'>
  liveness: Liveness
  /** The scheduler's options, for the `stuck` watch that looks on each tick. */
  options: SchedulerOptions
}

/**
 * The leases of one scheduler: it renews those of the jobs it holds (with the next claim, a
 * third of a lease apart), stops a job whose lease went to another context, and recovers the
 * runs of contexts that are gone: at start, as soon as a watched owner dies, and every third
 * of a lease while there is something a sweep could find. Each tick also looks for due jobs
 * left unclaimed (`createStuckWatch`), and ticks again while it sees some.
 *
 * Housekeeping is quiet when nothing runs anywhere: its timer ticks only while this scheduler
 * holds jobs (their leases need renewal), while the last sweep saw runs of other contexts
 * (their leases may expire, their owner may die unwatched), and once after each claim here (a
 * last look: another context may have claimed what this one woke for, and died before saying
 * so). Runs that start elsewhere later are heard of through the channel (`watchOwner`), and a
 * claim here re-arms it. An idle queue on an idle database so sets no timer and reads nothing.
 */
export function createLeases({ storage, now, leaseMs, emit, wake, jobs, liveness, options }: LeasesContext) {
  const lookForStuck = createStuckWatch(options, jobs)
  // The last look saw due jobs unclaimed: look again next tick.
  let dueLeft = false
  const period = timerDelay(Math.max(50, Math.floor(leaseMs / 3)))
  let renewalDue = false
  let started = false
  let timer: ReturnType<typeof setTimeout> | undefined
  // A tick's sweep is under way; `again`: something during it asked for one more tick.
  let ticking = false
  let again = false
  // The last sweep saw active runs of other contexts: their leases may run out while they do.
  let othersActive = false

  function sweep(): Promise<void> {
    return sweepInterrupted(storage, now(), liveness, (id) => jobs.get(id) !== undefined, emit)
      .then(({ recovered, others }) => {
        othersActive = others
        if (others) arm()
        if (recovered) wake()
      })
      .catch((error: unknown) => emit('error', { error: error as Error }))
  }

  /** One tick: renews (through the next claim) and sweeps; ticks again only if there is still something to find. */
  function tick(): void {
    timer = undefined
    ticking = true
    again = false
    renewalDue = jobs.size() > 0
    if (renewalDue) wake()
    // The sweep asks first: a tick's first question is still the look for runs of other contexts.
    const swept = sweep()
    const look = lookForStuck().then((left) => void (dueLeft = left), (error: unknown) => emit('error', { error: error as Error }))
    void Promise.all([swept, look]).finally(() => {
      ticking = false
      if (again || othersActive || dueLeft || jobs.size() > 0) arm()
    })
  }

  /** Makes sure a tick comes within a third of a lease; one timer at most, and none while stopped. */
  function arm(): void {
    if (!started) return
    if (ticking) return void (again = true)
    // Not held open in Node: a lease is housekeeping, not work still to do.
    timer ??= unref(setTimeout(tick, period))
  }

  /** A write that the fence refused means another context owns the job now: stop quietly. */
  function checkLease(entry: Entry, result: UpdateResult | undefined): void {
    if (jobs.get(entry.record.id) !== entry) return
    if (!result?.after) jobs.abort(entry, 'lost', new Error('The lease of this job was lost to another context'))
    else if (result.after.cancelRequested) jobs.cancel(entry)
  }

  /** A write of a job held here, fenced by its token: a refusal means the lease was lost. */
  function fenced(entry: Entry, apply: (record: JobRecord) => JobRecord): Pending {
    const { id, token, seq } = entry.record
    return { update: { id, token, ...(seq === undefined ? {} : { seq }), apply }, done: (result) => checkLease(entry, result) }
  }

  return {
    /** Sweeps now; from then on ticks while there is something to find (see above). */
    start(): void {
      started = true
      void sweep()
    },
    stop(): void {
      started = false
      clearTimeout(timer)
      timer = undefined
    },
    /** Sweeps now, outside the ticks: a watched owner died. */
    sweep: (): void => void sweep(),
    /** A claim ran here, or another context runs jobs: tick within a third of a lease. */
    arm,
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

/** How many active jobs one sweep looks at. */
const SWEEP_PAGE = 500

/**
 * Recovers the runs of contexts that are gone: an active job whose owner's lock is free (its
 * page closed, reloaded or crashed: known at once where Web Locks exist) or whose lease expired
 * (a context without Web Locks, or one alive but frozen or hung). `stall` decides what becomes
 * of each. The write is fenced by the job's token and re-checks the lease inside the
 * transaction, so a run whose owner renewed it meanwhile is never touched. Live owners that
 * hold a lock are watched, so that their death starts the next sweep at once.
 * @returns how many jobs were recovered, and whether runs of other contexts were seen (so the
 * next tick must look again).
 */
async function sweepInterrupted(storage: Storage, now: number, liveness: Liveness, ownedHere: (id: string) => boolean, emit: SchedulerEmit): Promise<{ recovered: number; others: boolean }> {
  const active = (await storage.list({ states: ['active'], limit: SWEEP_PAGE, offset: 0, order: 'asc', now, stored: true }))
    .filter((record) => !ownedHere(record.id) && record.owner !== liveness.owner)
  if (!active.length) return { recovered: 0, others: false }
  const dead = await liveness.dead(new Set(active.map((record) => record.owner ?? '')))
  const gone = (record: JobRecord): boolean => (record.leaseUntil ?? Infinity) < now || dead.has(record.owner ?? '')
  for (const record of active) if (!gone(record) && record.owner) liveness.watch(record.owner)
  const interrupted = active.filter(gone)
  if (!interrupted.length) return { recovered: 0, others: true }
  const results = await storage.update(interrupted.map((record) => ({
    id: record.id,
    token: record.token,
    apply: (current: JobRecord) => (current.state === 'active' && gone(current) ? stall(current, now) : undefined),
  })))
  let recovered = 0
  if (emitCascaded(results, emit)) emit('released', undefined)
  for (const { after } of results) {
    if (!after) continue
    recovered++
    if (after.state === 'canceled') emit('canceled', { record: after })
    else emit('stalled', { record: after })
    if (after.state === 'failed' && after.error) emit('failed', { record: after, error: after.error, willRetry: false })
  }
  return { recovered, others: true }
}
