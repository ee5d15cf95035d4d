import { nanoid } from 'nanoid'
import type { DefaultJobOptions } from '../job/job-options.js'
import { newRecord } from '../job/new-record.js'
import type { JobRecord } from '../job/record.js'
import type { Storage } from '../storage/storage.js'
import * as check from '../validate.js'
import { slotSeries } from './pattern-slots.js'
import { scheduledJobId } from './plan-tick.js'
import { planUpsert } from './plan-upsert.js'
import { createScheduleTicker, type Timers } from './schedule-ticker.js'
import { scheduleSpec, scheduleTemplate } from './schedule-spec.js'
import type { Schedule, ScheduleRecord } from './schedule-types.js'
import { watchWakes } from './wake-events.js'

/** What the schedules of a queue need from it. */
export interface SchedulersContext {
  storage: Storage
  defaults: DefaultJobOptions
  now(): number
  /** Jobs that this context's ticks made: emit `added`, wake the schedulers. */
  made(records: JobRecord[]): void
  /** Schedules changed here: tell the other contexts, which tick them too. */
  changed(): void
  fault(error: Error): void
  timers?: Timers
}

/** The public view of a stored schedule. */
function toSchedule({ id, spec, template, nextRunAt, lastSlot, count }: ScheduleRecord): Schedule {
  return { id, spec, template, count, ...(nextRunAt !== undefined ? { nextRunAt } : {}), ...(lastSlot !== undefined ? { lastSlot } : {}) }
}

/**
 * `upsertScheduler`, `removeScheduler` and `getSchedulers` of a queue, with the ticker of its
 * context. Loaded by the queue only once a schedule exists or is asked for.
 */
export function createSchedulers(context: SchedulersContext) {
  const { storage, now, defaults } = context
  const ticker = createScheduleTicker({
    storage, now,
    timers: context.timers,
    made: context.made,
    fault: context.fault,
    makeJob(schedule, slot, at) {
      const { name, data, options } = schedule.template
      const entry = newRecord(name, data, { ...options, id: scheduledJobId(schedule.id, slot), runAt: slot }, defaults, nanoid, at)
      entry.record.schedule = { id: schedule.id, slot }
      return entry
    },
  })
  const unwatch = watchWakes(() => ticker.tick())
  void ticker.tick()

  return {
    async upsertScheduler(id: unknown, spec: unknown, template: unknown): Promise<Schedule> {
      const key = check.string('id', id)
      const stored = scheduleSpec(spec)
      const job = scheduleTemplate(template)
      // A template that could not make a job is refused now, not at its first slot.
      newRecord(job.name, job.data, job.options, defaults, nanoid, now())
      const series = await slotSeries(stored)
      const result = await storage.writeSchedule({
        id: key,
        apply(current) {
          const next = planUpsert(current, key, stored, job, series, now())
          return next && { schedule: next }
        },
      })
      if (result.after) context.changed()
      // A slot due now (a `startAt` of now) gets its job at once; the timer follows the new spec.
      await ticker.tick()
      // As stored after that tick: a job made for a slot due now is counted.
      const latest = (await storage.getSchedules()).find((row) => row.id === key) ?? result.after ?? result.before
      return toSchedule(latest!)
    },

    async removeScheduler(id: unknown): Promise<boolean> {
      const key = check.string('id', id)
      const result = await storage.writeSchedule({ id: key, apply: (current) => (current ? { schedule: null } : undefined) })
      if (result.after !== null) return false
      context.changed()
      await ticker.tick()
      return true
    },

    async getSchedulers(): Promise<Schedule[]> {
      return (await storage.getSchedules()).map(toSchedule)
    },

    tick: ticker.tick,
    idle: ticker.idle,

    close(): Promise<void> {
      unwatch()
      return ticker.close()
    },
  }
}

/** The schedules of a queue, as `createSchedulers` makes them. */
export type Schedulers = ReturnType<typeof createSchedulers>
