import { nanoid } from 'nanoid'
import { JobCanceledError, TimeoutError } from './errors.js'
import type { RunOutcome } from './execute-job.js'
import type { JobRunner } from './runners/runner.js'
import type { Storage, Update, UpdateResult } from './storage/storage.js'
import { outcomeTransition, settleEvents, type SchedulerEvents } from './settle.js'
import { renew, setProgress, stall } from './transitions.js'
import type { JobRecord } from './types.js'

/** What the scheduler needs from the queue that owns it. */
export interface SchedulerOptions {
  storage: Storage
  runner: JobRunner
  /** This scheduler's id: the `owner` of the jobs it claims. */
  owner: string
  concurrency: number
  queueLimits: Record<string, number>
  /** How long a claim holds before another context may take the job over. */
  leaseMs: number
  gracePeriod: number
  /** Progress is written at most this often per job (events are emitted at once). */
  progressInterval: number
  online(): boolean
  now(): number
  emit: <K extends keyof SchedulerEvents>(event: K, payload: SchedulerEvents[K]) => void
}

interface Running {
  record: JobRecord
  controller: AbortController
  /** Why the signal fired, which decides how the attempt settles. */
  reason?: 'cancel' | 'timeout' | 'stop' | 'lost'
  progress?: { value: unknown }
  settled: Promise<void>
  markSettled(): void
}

interface Pending {
  update: Update
  done(result: UpdateResult | undefined): void
}

/** The loop of one context: wake → claim due (with pending settles, in one transaction) → run → settle → emit. */
export function createScheduler(o: SchedulerOptions) {
  const running = new Map<string, Running>()
  let outbox: Pending[] = []
  let started = false
  let stopping = false
  let pumping = false
  let dirty = false
  let renewDue = false
  let nothingDue = false
  let dueTimer: ReturnType<typeof setTimeout> | undefined
  let progressTimer: ReturnType<typeof setTimeout> | undefined
  let leaseTimer: ReturnType<typeof setInterval> | undefined
  let idleWaiters: Array<() => void> = []
  let flushWaiters: Array<() => void> = []

  const isIdle = (): boolean => !pumping && !dirty && running.size === 0 && outbox.length === 0 && (nothingDue || !started)

  function checkIdle(): void {
    if (!isIdle()) return
    const waiters = idleWaiters
    idleWaiters = []
    if (started) o.emit('idle', undefined)
    for (const resolve of waiters) resolve()
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
    for (const [id, entry] of running) {
      if (renewDue) taken.push({ update: { id, token: entry.record.token, apply: (r) => renew(r, o.now(), o.leaseMs) }, done: (res) => checkLease(entry, res) })
      if (entry.progress) {
        const { value } = entry.progress
        entry.progress = undefined
        taken.push({ update: { id, token: entry.record.token, apply: (r) => setProgress(r, value) }, done: (res) => checkLease(entry, res) })
      }
    }
    renewDue = false
    return taken
  }

  /** A write that the fence refused means another context owns the job now: stop quietly. */
  function checkLease(entry: Running, result: UpdateResult | undefined): void {
    if (!running.has(entry.record.id)) return
    if (!result?.after) abort(entry, 'lost', new Error('The lease of this job was lost to another context'))
    else if (result.after.cancelRequested) abort(entry, 'cancel', new JobCanceledError('The job was canceled', entry.record.id))
  }

  async function pump(): Promise<void> {
    if (pumping) return
    pumping = true
    let failed = false
    try {
      while (dirty || outbox.length) {
        dirty = false
        const pending = takeUpdates()
        const free = started && !stopping ? o.concurrency - running.size : 0
        if (!pending.length && free <= 0) break
        let result
        try {
          result = await o.storage.claim({
            now: o.now(), owner: o.owner, leaseMs: o.leaseMs, limit: Math.max(0, free),
            queueLimits: o.queueLimits, online: o.online(), token: nanoid,
          }, pending.map((p) => p.update))
        } catch (error) {
          // Keep the settles: they are retried with the next wake, never dropped.
          outbox = [...pending, ...outbox]
          o.emit('error', { error: error as Error })
          setTimeout(wake, 1000)
          failed = true
          break
        }
        pending.forEach((p, i) => p.done(result.updated[i]))
        for (const record of result.claimed) launch(record)
        if (free > 0) nothingDue = result.claimed.length < free
        if (free > 0 && result.claimed.length === free) dirty = true
        setDueTimer(result.nextRunAt)
      }
    } finally {
      pumping = false
      // After a failed claim the retry timer pumps again: pumping at once would spin on the error.
      if (failed) return
      if (dirty || outbox.length) void pump()
      else {
        const waiters = flushWaiters
        flushWaiters = []
        for (const resolve of waiters) resolve()
        checkIdle()
      }
    }
  }

  function abort(entry: Running, reason: NonNullable<Running['reason']>, error: Error): void {
    if (entry.controller.signal.aborted) return
    entry.reason = reason
    entry.controller.abort(error)
  }

  function launch(record: JobRecord): void {
    let markSettled!: () => void
    const settled = new Promise<void>((resolve) => (markSettled = resolve))
    const entry: Running = { record, controller: new AbortController(), settled, markSettled }
    running.set(record.id, entry)
    o.emit('active', { record })
    const timer = record.timeout === undefined ? undefined : setTimeout(() => {
      abort(entry, 'timeout', new TimeoutError(`Attempt ${record.attempts} exceeded its timeout of ${record.timeout} ms`))
    }, record.timeout)
    void o.runner.run(
      { id: record.id, name: record.name, queue: record.queue, data: record.data, attempt: record.attempts, maxAttempts: record.maxAttempts },
      {
        signal: entry.controller.signal,
        gracePeriod: o.gracePeriod,
        onProgress: (value) => {
          if (!running.has(record.id) || entry.reason === 'lost') return
          entry.progress = { value }
          o.emit('progress', { record: { ...entry.record, progress: value }, progress: value })
          progressTimer ??= setTimeout(() => {
            progressTimer = undefined
            wake()
          }, o.progressInterval)
        },
        onLog: async (row) => {
          const at = o.now()
          await o.storage.appendLogs([{ id: record.id, at, row }])
          o.emit('log', { record: entry.record, row: { at, row } })
        },
      },
    ).then((outcome) => {
      clearTimeout(timer)
      finish(entry, outcome)
    })
  }

  function finish(entry: Running, outcome: RunOutcome): void {
    const id = entry.record.id
    running.delete(id)
    if (entry.reason === 'lost') {
      entry.markSettled()
      wake()
      return
    }
    const progress = entry.progress
    const apply = outcomeTransition(entry.reason, outcome, o.now())
    outbox.push({
      update: { id, token: entry.record.token, apply: (r) => apply(progress ? setProgress(r, progress.value) : r) },
      done: (result) => {
        if (result?.after) settleEvents(result.after, outcome, entry.reason, o.emit)
        entry.markSettled()
      },
    })
    wake()
  }

  async function sweep(): Promise<void> {
    const now = o.now()
    const expired = (await o.storage.expired(now, 100)).filter((r) => !running.has(r.id))
    if (!expired.length) return
    const results = await o.storage.update(expired.map((r) => ({
      id: r.id,
      token: r.token,
      apply: (cur) => (cur.state === 'active' && (cur.leaseUntil ?? Infinity) < now ? stall(cur, now) : undefined),
    })))
    for (const { after } of results) if (after) o.emit(after.state === 'canceled' ? 'canceled' : 'stalled', { record: after })
    wake()
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
        renewDue = running.size > 0
        if (renewDue) wake()
        sweep().catch((error: unknown) => o.emit('error', { error: error as Error }))
      }, Math.max(50, Math.floor(o.leaseMs / 3)))
      sweep().catch((error: unknown) => o.emit('error', { error: error as Error }))
      wake()
    },
    /** Waits for running jobs up to `timeout`, then defers them; settles everything written. */
    async stop(timeout: number): Promise<void> {
      if (!started) return
      stopping = true
      setDueTimer(undefined)
      const all = (): Promise<unknown> => Promise.all([...running.values()].map((e) => e.settled))
      let timer: ReturnType<typeof setTimeout> | undefined
      await Promise.race([all(), new Promise((resolve) => (timer = setTimeout(resolve, timeout)))])
      clearTimeout(timer)
      // A claim in flight when stop began may launch jobs meanwhile: defer those too.
      do {
        for (const entry of running.values()) abort(entry, 'stop', new Error('The queue is stopping'))
        await all()
        await this.flush()
      } while (running.size > 0)
      started = false
      stopping = false
      clearInterval(leaseTimer)
      clearTimeout(progressTimer)
      progressTimer = undefined
      checkIdle()
    },
    /** Resolves once every pending write has been committed. */
    async flush(): Promise<void> {
      if (!pumping && !outbox.length && !dirty) return
      await new Promise<void>((resolve) => {
        flushWaiters.push(resolve)
        wake()
      })
    },
    wake,
    whenIdle(): Promise<void> {
      if (isIdle()) return Promise.resolve()
      return new Promise((resolve) => idleWaiters.push(resolve))
    },
    /** Aborts a job running here; resolves once it has settled. Undefined if it does not run here. */
    cancel(id: string): Promise<void> | undefined {
      const entry = running.get(id)
      if (!entry) return undefined
      abort(entry, 'cancel', new JobCanceledError('The job was canceled', id))
      return entry.settled
    },
    isRunning: (id: string): boolean => running.has(id),
    get started(): boolean {
      return started && !stopping
    },
  }
}

/** A scheduler of one context. */
export type Scheduler = ReturnType<typeof createScheduler>
