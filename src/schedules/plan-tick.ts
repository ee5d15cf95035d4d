import type { ScheduleRecord } from './schedule-types.js'
import { type SlotSeries } from './slots.js'

/** What a tick knows besides the stored schedule. */
export interface TickContext {
  now: number
  /** The slot this context's timer waited for: on time however late the timer fired (a throttled tab). */
  armedFor?: number
  /** Milliseconds a slot this context did not wait for still counts as on time. */
  lateness: number
  /** The most jobs one catch-up makes (`catchUp: 'all'`). */
  catchUpMax: number
  /** Whether the job of the last slot is still running. */
  lastRunning: boolean
}

/** The slots to make jobs for, and the schedule advanced past every due slot. */
export interface TickPlan {
  slots: number[]
  schedule: ScheduleRecord
}

/** Walks limit: a pattern that fires every second, missed for days, is not walked slot by slot. */
const WALK_MAX = 100_000

/**
 * One tick of one schedule, pure: collects the due slots (at or before `now`, within `endAt`),
 * decides which get a job by `catchUp`, `limit` and `overlap`, and advances the schedule past
 * all of them. `undefined` when nothing is due. Run in the transaction that stores the result,
 * on the row as it is stored there: two contexts ticking together cannot both take a slot.
 * @example planTick(schedule, everySlots(60_000), { now, lateness: 1000, catchUpMax: 100, lastRunning: false })
 */
export function planTick(schedule: ScheduleRecord, series: SlotSeries, context: TickContext): TickPlan | undefined {
  const { now, armedFor, lateness, catchUpMax } = context
  const { spec } = schedule
  let next = schedule.nextRunAt
  if (next === undefined || next > now) return undefined
  const endAt = spec.endAt ?? Infinity
  const lastDue = Math.min(now, endAt)
  if (series.skipTo && next < lastDue) next = Math.max(next, series.skipTo(lastDue, catchUpMax))
  const due: number[] = []
  for (let walked = 0; next !== undefined && next <= lastDue; walked++) {
    if (walked === WALK_MAX) {
      next = series.after(lastDue)
      break
    }
    due.push(next)
    if (due.length > catchUpMax) due.shift()
    next = series.after(next)
  }
  if (next !== undefined && next > endAt) next = undefined
  const onTime = due.filter((slot) => slot === armedFor || now - slot <= lateness)
  let slots = spec.catchUp === 'all' ? due : spec.catchUp === 'one' && !onTime.length ? due.slice(-1) : onTime
  // The job of the previous slot still runs: a slot waits for no one, so it passes without a job.
  if (context.lastRunning && !spec.overlap) slots = []
  slots = slots.slice(0, (spec.limit ?? Infinity) - schedule.count)
  const count = schedule.count + slots.length
  const ended = spec.limit !== undefined && count >= spec.limit
  const advanced: ScheduleRecord = { ...schedule, count, updatedAt: now }
  if (next === undefined || ended) delete advanced.nextRunAt
  else advanced.nextRunAt = next
  const last = slots.at(-1)
  if (last !== undefined) {
    advanced.lastSlot = last
    advanced.lastJobId = scheduledJobId(schedule.id, last)
  }
  return { slots, schedule: advanced }
}

/**
 * The id of the job a schedule makes for a slot: the same in every context, so the insert,
 * which checks ids in its transaction, could not store one slot twice even if two ticks did.
 */
export function scheduledJobId(id: string, slot: number): string {
  return `schedule:${id}:${slot}`
}
