import { timerDelay } from '../timer-limit.js'
import { DEFAULTS } from '../defaults.js'
import type { JobRecord } from '../job/record.js'
import type { InsertEntry, Storage } from '../storage/storage.js'
import { slotSeries } from './pattern-slots.js'
import { planTick, type LastRun } from './plan-tick.js'
import { sameValue } from './plan-upsert.js'
import type { ScheduleRecord } from './schedule-types.js'

/** The timer functions a ticker uses: the runtime's, or a test's. */
export interface Timers {
  set(fn: () => void, ms: number): unknown
  clear(handle: unknown): void
}

// Held, as a delayed job's timer is: a live schedule is work still to do, so a Node script
// whose only work is a schedule stays up for its slots; `close()` clears it and lets it exit.
const runtimeTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

/** The run under way of the last slot's job, as the planner weighs it against `overlap`. */
function lastRun(job: JobRecord | undefined): LastRun | undefined {
  if (job?.state !== 'active') return undefined
  // A claim writes both; a record without them counts as running at every slot, as before.
  return { startedAt: job.startedAt ?? -Infinity, leaseUntil: job.leaseUntil ?? Infinity }
}

/** What a ticker needs from its context. */
export interface TickerOptions {
  storage: Storage
  now(): number
  /** The job of one slot of a schedule, to insert with the schedule's advance. */
  makeJob(schedule: ScheduleRecord, slot: number, now: number): InsertEntry
  /** Jobs a tick of this context made. */
  made(records: JobRecord[]): void
  fault(error: Error): void
  /** @default the runtime's `setTimeout`, holding a Node process open until the next slot */
  timers?: Timers
  /** @default {@link DEFAULTS.scheduleLateness} */
  lateness?: number
  /** @default {@link DEFAULTS.scheduleCatchUpMax} */
  catchUpMax?: number
}

/**
 * Ticks the stored schedules of one context: one timer, for the earliest next slot of all
 * schedules (no polling); each due schedule advances in one transaction with its slots' jobs,
 * so any number of contexts may tick one database and each slot still gets one job. Ticks of
 * one context run one after another.
 */
export function createScheduleTicker(options: TickerOptions) {
  const { storage, now, makeJob } = options
  const timers = options.timers ?? runtimeTimers
  const lateness = options.lateness ?? DEFAULTS.scheduleLateness
  const catchUpMax = options.catchUpMax ?? DEFAULTS.scheduleCatchUpMax
  let timer: unknown
  let closed = false
  let chain = Promise.resolve()

  /** Ticks once, after any tick under way. `armedFor`: the slot the timer waited for. */
  function tick(armedFor?: number): Promise<void> {
    chain = chain.then(() => run(armedFor)).catch((error: unknown) => options.fault(error as Error))
    return chain
  }

  async function advance(row: ScheduleRecord, armedFor: number | undefined): Promise<ScheduleRecord | undefined> {
    const series = await slotSeries(row.spec)
    const at = now()
    let seen: ScheduleRecord | undefined
    const result = await storage.writeSchedule({
      id: row.id,
      apply(stored, lastJob) {
        seen = stored
        // Changed since it was read: the next tick reads it again, with its own series.
        if (!stored || !sameValue(stored.spec, row.spec)) return undefined
        const plan = planTick(stored, series, { now: at, armedFor, lateness, catchUpMax, lastRun: lastRun(lastJob) })
        return plan && { schedule: plan.schedule, jobs: plan.slots.map((slot) => makeJob(plan.schedule, slot, at)) }
      },
    })
    const made = result.inserted.filter((entry) => !entry.duplicate).map((entry) => entry.record)
    if (made.length) options.made(made)
    return result.after === undefined ? (seen && sameValue(seen.spec, row.spec) ? seen : undefined) : (result.after ?? undefined)
  }

  async function run(armedFor: number | undefined): Promise<void> {
    if (closed) return
    timers.clear(timer)
    timer = undefined
    let next: number | undefined
    let changed = false
    for (const row of await storage.getSchedules()) {
      if (closed) return
      const due = row.nextRunAt !== undefined && row.nextRunAt <= now()
      const current = due ? await advance(row, armedFor) : row
      if (!current) changed = true
      const at = current?.nextRunAt
      if (at !== undefined && (next === undefined || at < next)) next = at
    }
    if (changed) return void tick()
    if (next !== undefined && !closed) {
      const at = next
      // setTimeout takes at most 2^31−1 ms; a later slot is waited for in steps.
      timer = timers.set(() => void tick(at), timerDelay(at - now()))
    }
  }

  return {
    tick,
    /** Resolves once no tick is under way or queued. */
    async idle(): Promise<void> {
      for (let current = chain; ; current = chain) {
        await current
        if (current === chain) return
      }
    },
    /** Stops ticking; a tick under way finishes. */
    close(): Promise<void> {
      closed = true
      timers.clear(timer)
      return chain
    },
  }
}
