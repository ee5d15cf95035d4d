import { nanoid } from 'nanoid'
import { createLiveness } from '../coordination/liveness.js'
import { setProgress } from '../job/transitions.js'
import { timerDelay } from '../timer-limit.js'
import type { ClaimResult } from '../storage/storage.js'
import { startAttempt, type AttemptContext } from './attempt.js'
import { claimLimit, dueAfterClaim, dueAtStart, type DueJobs } from './claim-limit.js'
import { createGroupCommit, type Batch } from './group-commit.js'
import { createHeldJobs } from './held-jobs.js'
import { createLeases } from './leases.js'
import { writeAlone } from './write-alone.js'
import { createPacing } from './pacing.js'
import { emitCascaded, emitExpired } from './cascade-events.js'
import type { SchedulerOptions } from './scheduler-options.js'

/**
 * Whether the scheduler claims jobs: `starting` until it holds its liveness lock (a context
 * that claimed before could be taken for dead), `stopping` while it waits for running ones.
 */
type Phase = 'stopped' | 'starting' | 'running' | 'stopping'

/**
 * The loop of one context: wake → claim due jobs, in the same transaction as the settles of
 * finished ones (group commit) → launch → settle → emit. While a backlog lasts it claims up to
 * `prefetch` jobs ahead of its free slots (see `claimLimit`; none with a rate limit), so one
 * transaction serves many jobs; a held job starts the moment a slot frees, without a
 * transaction of its own.
 */
export function createScheduler(options: SchedulerOptions) {
  const { storage, now, emit, concurrency, prefetch, leaseMs } = options
  const pacing = createPacing(options.rateLimits)
  let phase: Phase = 'stopped'
  let due: DueJobs = 'unknown'
  let pumping = false
  let dirty = false
  let dueTimer: ReturnType<typeof setTimeout> | undefined
  let stopping: Promise<void> | undefined // the stop under way, and whether a `start()` came during it
  let restartAfterStop = false
  const idleWaiters: Array<() => void> = []
  const flushWaiters: Array<() => void> = []

  const writes = createGroupCommit({ progressInterval: options.progressInterval, wake })
  const jobs = createHeldJobs({
    concurrency, now, emit, writes,
    running: () => phase === 'running',
    launch: (entry) => startAttempt(entry, attempts),
  })
  const attempts: AttemptContext = { runner: options.runner, gracePeriod: options.gracePeriod, now, emit, writes, jobs, wake, hold: pacing.hold }
  const liveness = createLiveness(storage.name ?? 'local', options.owner, () => {
    if (phase === 'running') leases.sweep()
  }, !storage.crossProcess)
  const leases = createLeases({ storage, now, leaseMs, emit, wake, jobs, liveness, options })

  const isIdle = (): boolean =>
    !pumping && !dirty && jobs.size() === 0 && !writes.hasWrites() && (phase === 'stopped' || due === 'none')
  const releaseAll = (waiters: Array<() => void>): void => waiters.splice(0).forEach((resolve) => resolve())

  function checkIdle(): void {
    if (!isIdle()) return
    if (phase !== 'stopped') emit('idle', undefined)
    releaseAll(idleWaiters)
  }

  function wake(): void {
    if (dirty) return
    dirty = true
    queueMicrotask(() => void pump())
  }

  function setDueTimer(at: number | undefined): void {
    clearTimeout(dueTimer)
    dueTimer = undefined
    if (at === undefined || phase !== 'running') return
    // Held, unlike the lease and channel: a delayed job or a retry is work still to do.
    dueTimer = setTimeout(wake, timerDelay(at - now()))
  }

  /** What the next claim commits: the writes and log rows waiting, then each held job's renewal and progress. */
  function takeBatch(): Batch {
    const renewing = leases.takeRenewal()
    return writes.take(jobs.all().flatMap((entry) => {
      const progress = writes.takeProgress(entry)
      return [
        ...(renewing ? [leases.renewal(entry)] : []),
        // A progress value the storage refuses is not stored: its event went out already.
        ...(progress ? [{ ...leases.fenced(entry, (record) => setProgress(record, progress.value)), unstorable: () => null }] : []),
      ]
    }))
  }

  async function pump(): Promise<void> {
    if (pumping) return
    pumping = true
    let failed = false
    try {
      while (dirty || writes.hasWrites()) {
        dirty = false
        const batch = takeBatch()
        const limit = claimLimit({ running: phase === 'running', due, concurrency, prefetch, holding: jobs.size(), paced: pacing.paced })
        const pace = pacing.take()
        if (!batch.writes.length && !batch.logs.length && limit === 0) break
        let result: ClaimResult
        const claimedAt = now() // what the stored rate-limit log counts for the jobs taken
        try {
          result = await storage.claim({
            // Free slots start at once; the rest are claimed ahead (see `held` on JobRecord).
            now: claimedAt, owner: liveness.owner, leaseMs, limit, start: Math.max(0, concurrency - jobs.size()),
            queueLimits: options.queueLimits, online: options.online(), token: nanoid, ...pace,
          }, batch.writes.map((pending) => pending.update), batch.logs.map((log) => log.row))
        } catch (error) {
          emit('error', { error: error as Error })
          pacing.restore(pace.holds)
          // One value the storage refuses must not hold back the others: each is tried alone.
          const kept = await writeAlone(storage, batch.writes, batch.logs)
          // The rest are kept and retried with the next wake, never dropped.
          writes.putBack(kept)
          if (kept.writes.length < batch.writes.length || kept.logs.length < batch.logs.length) {
            dirty = true
            continue
          }
          setTimeout(wake, 1000)
          failed = true
          break
        }
        writes.committed(batch, result.updated)
        leases.arm() // a last look after every claim: see createLeases
        if ([emitCascaded(result.updated, emit), emitExpired(result.expired, emit)].includes(true)) emit('released', undefined)
        for (const record of result.claimed) jobs.hold(record, pacing.startBy(record.queue, claimedAt))
        if (limit > 0) {
          due = dueAfterClaim(result.more)
          if (due === 'more') dirty = true
        }
        if (phase !== 'running') jobs.giveBackAll()
        jobs.launchHeld()
        setDueTimer(result.nextRunAt)
      }
    } finally {
      pumping = false
      // After a failed claim the retry timer pumps again: pumping at once would spin on the error.
      if (!failed) {
        if (dirty || writes.hasWrites()) void pump()
        else {
          releaseAll(flushWaiters)
          checkIdle()
        }
      }
    }
  }

  /**
   * Starts claiming once this context holds its liveness lock: recovers the runs of contexts
   * that are gone first (a reloaded page's own former runs among them), then runs due jobs.
   * Started already: looks for due jobs now.
   */
  function start(): void {
    if (phase === 'running') return wake()
    if (phase === 'starting') return
    // Once the stop is done: at once, it would claim what the stop gives back (test/sim found it).
    if (phase === 'stopping') return void (restartAfterStop = true)
    phase = 'starting'
    liveness.acquire().then(() => {
      if (phase !== 'starting') return
      phase = 'running'
      due = dueAtStart(due)
      leases.start()
      wake()
    }, (error: unknown) => {
      // A stop before the lock was granted aborts the request: that is no fault.
      if (phase !== 'starting') return
      phase = 'stopped'
      emit('error', { error: error as Error })
      checkIdle()
    })
  }

  /** Waits for running jobs up to `timeout`, then defers them; settles everything written. */
  function stop(timeout: number): Promise<void> {
    if (phase === 'stopped') return Promise.resolve()
    if (phase === 'starting') {
      phase = 'stopped'
      liveness.release()
      return Promise.resolve(checkIdle())
    }
    // A stop after a start that waits for this stop: the start is called off.
    restartAfterStop = false
    if (phase === 'stopping') return stopping!
    stopping = stopNow(timeout).finally(() => {
      stopping = undefined
      const restart = restartAfterStop
      restartAfterStop = false
      if (restart) start()
    })
    return stopping
  }

  async function stopNow(timeout: number): Promise<void> {
    phase = 'stopping'
    setDueTimer(undefined)
    jobs.giveBackAll()
    const allSettled = (): Promise<unknown> => Promise.all(jobs.all().map((entry) => entry.settled))
    let timer: ReturnType<typeof setTimeout> | undefined
    await Promise.race([allSettled(), new Promise((resolve) => (timer = setTimeout(resolve, timeout)))])
    clearTimeout(timer)
    // A claim in flight when stop began may hold jobs meanwhile: give those back too.
    do {
      for (const entry of jobs.all()) jobs.abort(entry, 'stop', new Error('The queue is stopping'))
      await allSettled()
      await flush()
    } while (jobs.size() > 0)
    phase = 'stopped'
    // A backlog seen before the stop is not one after it: the first claim of the next start is for free slots only.
    due = 'unknown'
    leases.stop()
    writes.stop()
    // Every run of this context was deferred and written: nothing of it is left to recover.
    liveness.release()
    checkIdle()
  }

  /** Resolves once every pending write has been committed. */
  async function flush(): Promise<void> {
    if (!pumping && !writes.hasWrites() && !dirty) return
    await new Promise<void>((resolve) => {
      flushWaiters.push(resolve)
      wake()
    })
  }

  return {
    start, stop, flush, wake,
    /** Whether it claims jobs (started, holding its liveness lock, not stopping). */
    claiming: (): boolean => phase === 'running',
    whenIdle: (): Promise<void> => (isIdle() ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve))),
    /** Cancels a job this scheduler holds; resolves once it has settled. Undefined if it is not held here. */
    cancel(id: string): Promise<void> | undefined {
      const entry = jobs.get(id)
      if (!entry) return undefined
      jobs.cancel(entry)
      return entry.settled
    },
    isRunning: (id: string): boolean => jobs.get(id) !== undefined,
    /** A queue (`undefined`: all) was paused: its jobs claimed ahead here go back, so none starts after `pause()`. */
    paused: (queue: string | undefined): void => jobs.giveBackAll(queue),
    /** Another context runs jobs as `owner`: recover them as soon as it dies, or when their leases run out. */
    watchOwner: (owner: string): void => void (phase === 'running' && (liveness.watch(owner), leases.arm())),
  }
}

/** A scheduler of one context. */
export type Scheduler = ReturnType<typeof createScheduler>
