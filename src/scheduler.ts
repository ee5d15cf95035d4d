import { nanoid } from 'nanoid'
import { runAttempt } from './attempt.js'
import { JobCanceledError } from './errors.js'
import type { RunOutcome } from './execute-job.js'
import { sweepExpired } from './lease-sweep.js'
import { newEntry, type Entry, type Pending, type PendingLog, type SchedulerOptions } from './scheduler-types.js'
import { writeAlone } from './write-alone.js'
import { outcomeTransition, settleEvents } from './settle.js'
import type { UpdateResult } from './storage/storage.js'
import { cancel, defer, renew, setProgress } from './transitions.js'
import type { JobRecord } from './types.js'

/**
 * The loop of one context: wake → claim due jobs, in the same transaction as the settles of
 * finished ones (group commit) → run → settle → emit. While a backlog lasts it claims up to
 * `prefetch` jobs ahead of its free slots, so one transaction serves many jobs; a held job
 * starts the moment a slot frees, without a transaction of its own.
 */
export function createScheduler(o: SchedulerOptions) {
  const entries = new Map<string, Entry>()
  let held: Entry[] = []
  let active = 0
  let outbox: Pending[] = []
  let logbox: PendingLog[] = []
  let started = false
  let stopping = false
  let pumping = false
  let dirty = false
  let renewDue = false
  let nothingDue = false
  let backlog = false
  let dueTimer: ReturnType<typeof setTimeout> | undefined
  let progressTimer: ReturnType<typeof setTimeout> | undefined
  let leaseTimer: ReturnType<typeof setInterval> | undefined
  const idleWaiters: Array<() => void> = []
  const flushWaiters: Array<() => void> = []

  const writesPending = (): boolean => outbox.length > 0 || logbox.length > 0
  const isIdle = (): boolean => !pumping && !dirty && entries.size === 0 && !writesPending() && (nothingDue || !started)
  const releaseAll = (waiters: Array<() => void>): void => waiters.splice(0).forEach((resolve) => resolve())

  function checkIdle(): void {
    if (!isIdle()) return
    if (started) o.emit('idle', undefined)
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
    if (at === undefined || !started || stopping) return
    dueTimer = setTimeout(wake, Math.min(Math.max(0, at - o.now()), 2 ** 31 - 1))
  }

  function takeUpdates(): Pending[] {
    const taken = outbox
    outbox = []
    for (const [id, entry] of entries) {
      const token = entry.record.token
      if (renewDue) taken.push({ update: { id, token, apply: (r) => renew(r, o.now(), o.leaseMs) }, done: (res) => checkLease(entry, res) })
      if (entry.progress) {
        const { value } = entry.progress
        entry.progress = undefined
        // A progress value the storage refuses is not stored: its event went out already.
        taken.push({ update: { id, token, apply: (r) => setProgress(r, value) }, done: (res) => checkLease(entry, res), unstorable: () => null })
      }
    }
    renewDue = false
    return taken
  }

  /** A write that the fence refused means another context owns the job now: stop quietly. */
  function checkLease(entry: Entry, result: UpdateResult | undefined): void {
    if (entries.get(entry.record.id) !== entry) return
    if (!result?.after) abort(entry, 'lost', new Error('The lease of this job was lost to another context'))
    else if (result.after.cancelRequested) abort(entry, 'cancel', new JobCanceledError('The job was canceled', entry.record.id))
  }

  async function pump(): Promise<void> {
    if (pumping) return
    pumping = true
    let failed = false
    try {
      while (dirty || writesPending()) {
        dirty = false
        const pending = takeUpdates()
        const logs = logbox
        logbox = []
        const room = o.concurrency + (backlog ? o.prefetch : 0) - entries.size
        const limit = started && !stopping ? Math.max(0, room) : 0
        if (!pending.length && !logs.length && limit === 0) break
        let result
        try {
          result = await o.storage.claim({
            now: o.now(), owner: o.owner, leaseMs: o.leaseMs, limit,
            queueLimits: o.queueLimits, online: o.online(), token: nanoid,
          }, pending.map((p) => p.update), logs.map((l) => l.row))
        } catch (error) {
          o.emit('error', { error: error as Error })
          // One value the storage refuses must not hold back the others: each is tried alone.
          const kept = await writeAlone(o.storage, pending, logs)
          // Keep the settles and log rows: they are retried with the next wake, never dropped.
          outbox = [...kept.pending, ...outbox]
          logbox = [...kept.logs, ...logbox]
          if (kept.pending.length < pending.length || kept.logs.length < logs.length) {
            dirty = true
            continue
          }
          setTimeout(wake, 1000)
          failed = true
          break
        }
        for (const l of logs) l.done()
        pending.forEach((p, i) => p.done(result.updated[i]))
        for (const record of result.claimed) hold(record)
        if (limit > 0) {
          // Claim ahead only when the storage saw more due jobs than it could take: a lone job
          // must not cost a second transaction (nor hold one open while this thread is busy).
          backlog = result.more === true
          nothingDue = !backlog
          if (backlog) dirty = true
        }
        if (!started || stopping) for (const entry of [...held]) giveBack(entry, 'stop')
        launchHeld()
        setDueTimer(result.nextRunAt)
      }
    } finally {
      pumping = false
      // After a failed claim the retry timer pumps again: pumping at once would spin on the error.
      if (!failed) {
        if (dirty || writesPending()) void pump()
        else {
          releaseAll(flushWaiters)
          checkIdle()
        }
      }
    }
  }

  function abort(entry: Entry, reason: NonNullable<Entry['reason']>, error: Error): void {
    if (!entry.launched) {
      if (reason !== 'lost') return giveBack(entry, reason === 'cancel' ? 'cancel' : 'stop')
      unhold(entry)
      return entry.markSettled()
    }
    if (entry.controller.signal.aborted) return
    entry.reason = reason
    entry.controller.abort(error)
  }

  function hold(record: JobRecord): void {
    const entry = newEntry(record)
    entries.set(record.id, entry)
    held.push(entry)
  }

  /** Lets go of a job claimed ahead that never started. */
  function unhold(entry: Entry): void {
    entries.delete(entry.record.id)
    held = held.filter((e) => e !== entry)
  }

  /** Gives back a job claimed ahead that never started: its attempt is not counted. */
  function giveBack(entry: Entry, how: 'cancel' | 'stop'): void {
    const id = entry.record.id
    unhold(entry)
    outbox.push({
      update: { id, token: entry.record.token, apply: (r) => (how === 'cancel' ? cancel(defer(r, o.now()), o.now()) : defer(r, o.now())) },
      done: (result) => {
        if (how === 'cancel' && result?.after) o.emit('canceled', { record: result.after })
        entry.markSettled()
      },
    })
    wake()
  }

  function launchHeld(): void {
    while (active < o.concurrency && held.length && started && !stopping) launch(held.shift()!)
  }

  function launch(entry: Entry): void {
    entry.launched = true
    active++
    const record = (entry.record = { ...entry.record, startedAt: o.now() })
    o.emit('active', { record })
    void runAttempt(record, entry.controller.signal, o, {
      timedOut: (error) => abort(entry, 'timeout', error),
      // Stored with the next group commit; the handler's `ctx.log()` resolves once it is.
      log: (row) => new Promise<void>((resolve) => {
        const at = o.now()
        const done = (): void => resolve(o.emit('log', { record: entry.record, row: { at, row } }))
        logbox.push({ row: { id: record.id, at, row }, done })
        wake()
      }),
      progress: (value) => {
        if (entries.get(record.id) !== entry || entry.reason === 'lost') return
        entry.progress = { value }
        o.emit('progress', { record: { ...entry.record, progress: value }, progress: value })
        progressTimer ??= setTimeout(() => {
          progressTimer = undefined
          wake()
        }, o.progressInterval)
      },
    }).then((outcome) => finish(entry, outcome))
  }

  function finish(entry: Entry, outcome: RunOutcome): void {
    const { id, startedAt } = entry.record
    // The attempt ends now, before the next one starts in the slot it frees.
    const now = o.now()
    entries.delete(id)
    active--
    launchHeld()
    if (entry.reason === 'lost') {
      entry.markSettled()
      return wake()
    }
    const settle = (ended: RunOutcome, progress = entry.progress): Pending => {
      const apply = outcomeTransition(entry.reason, ended, now)
      return {
        // The stored startedAt is the claim's; the attempt really started when it was launched.
        update: { id, token: entry.record.token, apply: (r) => apply({ ...(progress ? setProgress(r, progress.value) : r), startedAt }) },
        done: (result) => {
          if (result?.after) settleEvents(result.after, ended, entry.reason, o.emit)
          entry.markSettled()
        },
      }
    }
    outbox.push({
      ...settle(outcome),
      // Its result (or last progress) refused by the storage: the attempt fails, and for good,
      // as another attempt would return the same. Without the progress, which may be the cause.
      unstorable: (error) => settle({ ok: false, final: true, error: { name: 'StorageError', message: `The attempt's result could not be stored: ${error.message}` } }, undefined),
    })
    wake()
  }

  const sweep = (): void => {
    sweepExpired(o.storage, o.now(), (id) => entries.has(id), o.emit)
      .then((n) => n && wake())
      .catch((error: unknown) => o.emit('error', { error: error as Error }))
  }

  return {
    /** Starts claiming: sweeps expired leases first, then runs due jobs. Started already: looks for due jobs now. */
    start(): void {
      if (started && !stopping) return wake()
      started = true
      stopping = false
      nothingDue = false
      clearInterval(leaseTimer)
      leaseTimer = setInterval(() => {
        renewDue = entries.size > 0
        if (renewDue) wake()
        sweep()
      }, Math.max(50, Math.floor(o.leaseMs / 3)))
      sweep()
      wake()
    },
    /** Waits for running jobs up to `timeout`, then defers them; settles everything written. */
    async stop(timeout: number): Promise<void> {
      if (!started) return
      stopping = true
      setDueTimer(undefined)
      for (const entry of [...held]) giveBack(entry, 'stop')
      const all = (): Promise<unknown> => Promise.all([...entries.values()].map((e) => e.settled))
      let timer: ReturnType<typeof setTimeout> | undefined
      await Promise.race([all(), new Promise((resolve) => (timer = setTimeout(resolve, timeout)))])
      clearTimeout(timer)
      // A claim in flight when stop began may hold jobs meanwhile: give those back too.
      do {
        for (const entry of [...entries.values()]) abort(entry, 'stop', new Error('The queue is stopping'))
        await all()
        await this.flush()
      } while (entries.size > 0)
      started = false
      stopping = false
      backlog = false
      clearInterval(leaseTimer)
      clearTimeout(progressTimer)
      progressTimer = undefined
      checkIdle()
    },
    /** Resolves once every pending write has been committed. */
    async flush(): Promise<void> {
      if (!pumping && !writesPending() && !dirty) return
      await new Promise<void>((resolve) => {
        flushWaiters.push(resolve)
        wake()
      })
    },
    wake,
    whenIdle: (): Promise<void> => (isIdle() ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve))),
    /** Cancels a job this scheduler holds; resolves once it has settled. Undefined if it is not held here. */
    cancel(id: string): Promise<void> | undefined {
      const entry = entries.get(id)
      if (!entry) return undefined
      abort(entry, 'cancel', new JobCanceledError('The job was canceled', id))
      return entry.settled
    },
    isRunning: (id: string): boolean => entries.has(id),
  }
}

/** A scheduler of one context. */
export type Scheduler = ReturnType<typeof createScheduler>
