import { ValidationError } from './errors.js'
import type { JobHub } from './job-hub.js'
import type { Scheduler } from './scheduler.js'
import type { Storage } from './storage/storage.js'
import * as t from './transitions.js'
import type { JobRecord } from './types.js'
import * as v from './validate.js'

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
}

/** Applies one transition to a job in one transaction; `undefined` if the job does not exist. */
async function apply(c: ControlContext, id: string, fn: (r: JobRecord) => JobRecord | null | undefined): Promise<{ before?: JobRecord; after?: JobRecord | null }> {
  const [result] = await c.storage.update([{ id, apply: fn }])
  return result ?? {}
}

/**
 * The controls of `Job` and `Queue`: cancel, retry, promote, discard, update, remove. Each is
 * one fenced transaction; the checks of what state allows what run inside it, so a job that a
 * scheduler claims meanwhile is never half-changed.
 */
export function createControls(c: ControlContext) {
  async function cancel(id: string): Promise<JobRecord | undefined> {
    v.string('id', id)
    for (;;) {
      const running = c.scheduler.cancel(id)
      if (running) {
        await running
        return c.storage.get(id)
      }
      const { before, after } = await apply(c, id, (r) => {
        if (r.state === 'waiting' || r.state === 'delayed') return t.cancel(r, c.now())
        if (r.state === 'active' && !r.cancelRequested) return t.requestCancel(r)
        return undefined
      })
      if (!before) return undefined
      if (after && after.state === 'canceled') {
        c.changed('canceled', after)
        return after
      }
      if (before.state !== 'active') return before
      // Running in another context (or claimed by this one just now): its owner aborts it.
      if (c.scheduler.isRunning(id)) continue
      c.requestCancel(id)
      await c.hub.waitFor(id, () => c.storage.get(id)).catch(() => undefined)
      return c.storage.get(id)
    }
  }

  return {
    cancel,

    async retry(id: string): Promise<JobRecord | undefined> {
      v.string('id', id)
      const { before, after } = await apply(c, id, (r) => (r.state === 'failed' || r.state === 'canceled' ? t.retry(r, c.now()) : undefined))
      if (!before) return undefined
      if (!after) throw new ValidationError(`Expected job ${id} to be 'failed' or 'canceled' to retry it, got '${t.visibleState(before, c.now())}'`)
      c.changed('updated', after)
      c.wakeAll()
      return after
    },

    async promote(id: string): Promise<JobRecord | undefined> {
      v.string('id', id)
      const now = c.now()
      const { before, after } = await apply(c, id, (r) => (r.state === 'delayed' && r.runAt > now ? t.promote(r, now) : undefined))
      if (!after) return before
      c.changed('updated', after)
      c.wakeAll()
      return after
    },

    async discard(id: string): Promise<JobRecord | undefined> {
      v.string('id', id)
      const { before, after } = await apply(c, id, (r) => (t.isSettled(r.state) ? undefined : t.discard(r)))
      return after ?? before
    },

    async updateData(id: string, data: unknown): Promise<JobRecord | undefined> {
      v.string('id', id)
      v.cloneable('data', data)
      const { before, after } = await apply(c, id, (r) => (r.state === 'waiting' || r.state === 'delayed') && r.attempts === 0 ? t.updateData(r, data) : undefined)
      if (!before) return undefined
      if (!after) throw new ValidationError(`Expected job ${id} not to have started to update its data, got '${t.visibleState(before, c.now())}' after ${before.attempts} attempt(s)`)
      c.changed('updated', after)
      return after
    },

    async remove(id: string): Promise<boolean> {
      v.string('id', id)
      const current = await c.storage.get(id)
      if (!current) return false
      if (current.state === 'active') await cancel(id)
      const { after } = await apply(c, id, (r) => (r.state === 'active' ? undefined : null))
      if (after !== null) return false
      c.hub.removed(id)
      c.changed('removed', current)
      return true
    },
  }
}

/** The controls of one queue. */
export type Controls = ReturnType<typeof createControls>
