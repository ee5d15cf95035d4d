import { fromErrorData } from '../job/error-data.js'
import { JobCanceledError, JobFailedError } from '../errors.js'
import type { Job, JobEvent } from '../job/job.js'
import { isSettled, visibleState } from '../job/job-states.js'
import type { JobRecord } from '../job/record.js'

interface Waiter {
  resolve(value: unknown): void
  reject(error: Error): void
}

interface Listeners {
  progress: Set<(value: unknown) => void>
  state: Set<(value: unknown) => void>
  last?: string
}

/** The result of a settled record, or the error `waitForResult` rejects with. */
export function settledOutcome(record: JobRecord): { ok: true; value: unknown } | { ok: false; error: Error } | undefined {
  if (record.state === 'completed') return { ok: true, value: record.result }
  if (record.state === 'canceled') return { ok: false, error: new JobCanceledError(`Job ${record.id} was canceled`, record.id) }
  if (record.state === 'failed') {
    const cause = record.error ? fromErrorData(record.error) : new Error('Unknown failure')
    return { ok: false, error: new JobFailedError(`Job ${record.id} (${record.name}) failed: ${cause.message}`, record.id, { cause }) }
  }
  return undefined
}

/**
 * Where this context follows jobs: live `Job` handles to refresh, per-job listeners, and
 * `waitForResult` promises. Every record the queue sees (its own events or another context's)
 * passes through `see`. Handles are held weakly and dropped once their job settles.
 */
export function createJobHub(now: () => number) {
  const tracked = new Map<string, Set<WeakRef<Job<any, any, any>>>>()
  const listeners = new Map<string, Listeners>()
  const waiters = new Map<string, Set<Waiter>>()

  function settleWaiters(id: string, outcome: ReturnType<typeof settledOutcome>): void {
    const set = waiters.get(id)
    if (!set || !outcome) return
    waiters.delete(id)
    for (const waiter of set) (outcome.ok ? waiter.resolve(outcome.value) : waiter.reject(outcome.error))
  }

  /** The job is gone: its waiters reject with `JobCanceledError`. */
  function removed(id: string): void {
    tracked.delete(id)
    settleWaiters(id, { ok: false, error: new JobCanceledError(`Job ${id} was removed before it settled`, id) })
  }

  return {
    track(job: Job<any, any, any>): void {
      const set = tracked.get(job.id) ?? new Set()
      for (const ref of set) if (ref.deref() === job) return
      set.add(new WeakRef(job))
      tracked.set(job.id, set)
    },

    /** `state`: the state the caller knows, so that a record seen without a transition is not one. */
    on(id: string, event: JobEvent, fn: (value: unknown) => void, state?: string): void {
      const followers = listeners.get(id) ?? { progress: new Set(), state: new Set() }
      followers.last ??= state
      followers[event].add(fn)
      listeners.set(id, followers)
    },

    off(id: string, event: JobEvent, fn: (value: unknown) => void): void {
      const followers = listeners.get(id)
      followers?.[event].delete(fn)
      if (followers && !followers.progress.size && !followers.state.size) listeners.delete(id)
    },

    /** Waits for the job to settle; `read` is called after the waiter is registered, so no settle is missed. */
    async waitFor(id: string, read: () => Promise<JobRecord | undefined>): Promise<unknown> {
      const promise = new Promise<unknown>((resolve, reject) => {
        const set = waiters.get(id) ?? new Set()
        set.add({ resolve, reject })
        waiters.set(id, set)
      })
      // The job may settle while `read` is in flight: that rejection is the caller's, not unhandled.
      promise.catch(() => undefined)
      const record = await read()
      if (!record) removed(id)
      else settleWaiters(id, settledOutcome(record))
      return promise
    },

    /** A record this context saw change. */
    see(record: JobRecord, progress?: { value: unknown }): void {
      const refs = tracked.get(record.id)
      if (refs) {
        for (const ref of refs) {
          const job = ref.deref()
          if (job) job._update(record)
          else refs.delete(ref)
        }
        if (!refs.size || isSettled(record.state)) tracked.delete(record.id)
      }
      const followers = listeners.get(record.id)
      if (followers && progress) for (const fn of followers.progress) fn(progress.value)
      const state = visibleState(record, now())
      if (followers && !progress && followers.last !== state) {
        followers.last = state
        for (const fn of followers.state) fn(state)
      }
      if (isSettled(record.state)) settleWaiters(record.id, settledOutcome(record))
    },

    removed,
  }
}

/** The job hub of one queue. */
export type JobHub = ReturnType<typeof createJobHub>
