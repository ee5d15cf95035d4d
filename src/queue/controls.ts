import { ValidationError } from '../errors.js'
import { isSettled, visibleState } from '../job/job-states.js'
import type { JobRecord } from '../job/record.js'
import { changeDelay, changePriority, promote, updateData } from '../job/queued-changes.js'
import { cancel, discard, requestCancel, rerun } from '../job/transitions.js'
import type { Scheduler } from '../scheduler/scheduler.js'
import type { Storage, UpdateResult } from '../storage/storage.js'
import * as check from '../validate.js'
import type { JobHub } from './job-hub.js'

/** What the controls of a job need from their queue. */
export interface ControlContext {
  storage: Storage
  scheduler: Scheduler
  hub: JobHub
  now(): number
  /** A job changed here: tell listeners (and other contexts). */
  changed(event: 'canceled' | 'removed' | 'updated', record: JobRecord): void
  /** Due work may have appeared: wake this scheduler and the others. */
  wakeAll(): void
  /** Ask the context that runs the job to abort it. */
  requestCancel(id: string): void
  /** A change reached dependents of the job (flows): report them. */
  cascaded(results: UpdateResult[]): void
}

/**
 * The controls of `Job` and `Queue`: cancel, rerun (the public `retry()`), promote, discard,
 * update, remove. Each is one fenced transaction; the checks of what state allows what run
 * inside it, so a job that a scheduler claims meanwhile is never half-changed.
 */
export function createControls(context: ControlContext) {
  const { storage, scheduler, hub, now, changed, wakeAll } = context

  /** Applies one transition to a job in one transaction; `{}` if the job does not exist. */
  async function apply(id: string, transition: (record: JobRecord) => JobRecord | null | undefined): Promise<{ before?: JobRecord; after?: JobRecord | null }> {
    const [result] = await storage.update([{ id, apply: transition }])
    if (result?.cascaded) context.cascaded([result])
    return result ?? {}
  }

  const stateOf = (record: JobRecord): string => visibleState(record, now())

  async function cancelJob(id: string): Promise<JobRecord | undefined> {
    check.string('id', id)
    for (;;) {
      const running = scheduler.cancel(id)
      if (running) {
        await running
        return storage.get(id)
      }
      const { before, after } = await apply(id, (record) => {
        if (record.state === 'waiting' || record.state === 'delayed' || record.state === 'blocked') return cancel(record, now())
        if (record.state === 'active' && !record.cancelRequested) return requestCancel(record)
        return undefined
      })
      if (!before) return undefined
      if (after && after.state === 'canceled') {
        changed('canceled', after)
        return after
      }
      if (before.state !== 'active') return before
      // Running in another context (or claimed by this one just now): its owner aborts it.
      if (scheduler.isRunning(id)) continue
      context.requestCancel(id)
      await hub.waitFor(id, () => storage.get(id)).catch(() => undefined)
      return storage.get(id)
    }
  }

  /** One change of a queued job, in one transaction; a job started or claimed meanwhile rejects. */
  async function change(id: string, what: string, transition: (record: JobRecord) => JobRecord | undefined): Promise<JobRecord | undefined> {
    check.string('id', id)
    const { before, after } = await apply(id, transition)
    if (!before) return undefined
    if (!after) {
      const claimed = before.state === 'active' && before.held ? ' (claimed ahead, about to start)' : ''
      throw new ValidationError(`Expected job ${id} not to have started to change its ${what}, got '${stateOf(before)}'${claimed}`)
    }
    changed('updated', after)
    wakeAll()
    return after
  }

  return {
    cancel: cancelJob,

    /** A failed or canceled job runs again with a fresh attempt budget (the public `retry()`). */
    async rerun(id: string): Promise<JobRecord | undefined> {
      check.string('id', id)
      const { before, after } = await apply(id, (record) => (record.state === 'failed' || record.state === 'canceled' ? rerun(record, now()) : undefined))
      if (!before) return undefined
      if (!after) throw new ValidationError(`Expected job ${id} to be 'failed' or 'canceled' to retry it, got '${stateOf(before)}'`)
      changed('updated', after)
      wakeAll()
      return after
    },

    async promote(id: string): Promise<JobRecord | undefined> {
      check.string('id', id)
      const at = now()
      const { before, after } = await apply(id, (record) => (record.state === 'delayed' && record.runAt > at ? promote(record, at) : undefined))
      if (!after) return before
      changed('updated', after)
      wakeAll()
      return after
    },

    async discard(id: string): Promise<JobRecord | undefined> {
      check.string('id', id)
      const { before, after } = await apply(id, (record) => (isSettled(record.state) ? undefined : discard(record)))
      return after ?? before
    },

    async updateData(id: string, data: unknown): Promise<JobRecord | undefined> {
      check.string('id', id)
      check.cloneable('data', data)
      const { before, after } = await apply(id, (record) => (record.state === 'waiting' || record.state === 'delayed' || record.state === 'blocked') && record.attempts === 0 ? updateData(record, data) : undefined)
      if (!before) return undefined
      if (!after) throw new ValidationError(`Expected job ${id} not to have started to update its data, got '${stateOf(before)}' after ${before.attempts} attempt(s)`)
      changed('updated', after)
      return after
    },

    /** A new priority for a job not started; a started one (or claimed ahead) rejects. */
    async changePriority(id: string, priority: unknown): Promise<JobRecord | undefined> {
      const value = check.integer('priority', priority)
      return change(id, 'priority', (record) => changePriority(record, value))
    },

    /** Due `delay` ms from now, for a job not started; a started one (or claimed ahead) rejects. */
    async changeDelay(id: string, delay: unknown): Promise<JobRecord | undefined> {
      const ms = check.number('delay', delay)
      const at = now()
      return change(id, 'delay', (record) => changeDelay(record, ms, at))
    },

    async remove(id: string): Promise<boolean> {
      check.string('id', id)
      const current = await storage.get(id)
      if (!current) return false
      if (current.state === 'active') await cancelJob(id)
      const { after } = await apply(id, (record) => (record.state === 'active' ? undefined : null))
      if (after !== null) return false
      hub.removed(id)
      changed('removed', current)
      return true
    },
  }
}

/** The controls of one queue. */
export type Controls = ReturnType<typeof createControls>
