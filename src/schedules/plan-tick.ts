import type { ScheduleRecord } from './schedule-types.js'
import { type SlotSeries } from './slots.js'

/** What a tick knows besides the stored schedule. */
export interface TickContext {
  now: number
  /**
   * The slot this context's timer waited for: on time however late the timer fired (a
   * throttled tab), as long as it is still the latest slot due.
   */
  armedFor?: number
  /** Milliseconds the latest due slot may be late and still count as on time, when no timer waited for it. */
  lateness: number
  /** The most jobs one catch-up makes (`catchUp: 'all'`). */
  catchUpMax: number
  /** The run under way of the last slot's job (`active`), if any. */
  lastRun?: LastRun
}

/** A run of the last slot's job that is stored as under way. */
export interface LastRun {
  /** When it was claimed. */
  startedAt: number
  /** Until when its lease holds: its owner renews it while it runs, a closed context does not. */
  leaseUntil: number
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
 *
 * At most one slot is on time: the latest due, if the timer waited for it or it is at most
 * `lateness` old. Every other due slot was missed, however recent, and follows `catchUp`.
 * @example planTick(schedule, everySlots(60_000), { now, lateness: 1000, catchUpMax: 100 })
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
  // A slot that came while the previous slot's job ran passes without a job (a slot waits for
  // no one). Only a slot it ran at: a reopening queue's scheduler starts before its schedules
  // tick and claims the job left waiting at close, and a closed tab leaves its run `active`;
  // neither ran at the missed slots, so neither may cancel their catch-up.
  const run = spec.overlap ? undefined : context.lastRun
  const open = due.filter((slot) => !run || slot < run.startedAt || slot > run.leaseUntil)
  // Only the latest slot can be on time: a short closure leaves several slots within
  // `lateness`, and the earlier ones were missed all the same.
  const latest = due.at(-1)
  const onTime = latest !== undefined && open.at(-1) === latest && (latest === armedFor || now - latest <= lateness)
  let slots = spec.catchUp === 'all' ? open : spec.catchUp === 'one' ? open.slice(-1) : onTime ? [latest] : []
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
