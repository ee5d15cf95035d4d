/**
 * The shapes of a schedule: what a caller gives (`ScheduleSpec`, `ScheduleTemplate`), what
 * `getSchedulers()` shows (`Schedule`) and what storage keeps (`ScheduleRecord`).
 * @module
 */
import type { JobOptions } from '../job/job-options.js'

/** What a schedule does with slots that passed while no context ran. */
export type CatchUp = 'none' | 'one' | 'all'

/**
 * When a schedule makes jobs: exactly one of `every` and `pattern`.
 * @example { every: 15 * 60_000 }
 * @example { pattern: '0 3 * * *', tz: 'Europe/Paris', catchUp: 'none' }
 */
export interface ScheduleSpec {
  /**
   * Milliseconds between slots, aligned to `startAt` (or to the epoch). Minimum: `1`. No maximum:
   * a slot past the timer limit (`2 ** 31 - 1` ms, ≈ 24.8 days) is waited for in steps.
   */
  every?: number
  /** A cron pattern (5 fields, or 6 with seconds first), read by croner, loaded only when used. */
  pattern?: string
  /** The IANA time zone of `pattern`, e.g. `'America/New_York'`. @default the runtime's zone */
  tz?: string
  /** No slot before this time (a `Date` or epoch ms). @default now */
  startAt?: Date | number
  /** No slot after this time (a `Date` or epoch ms). @default no end */
  endAt?: Date | number
  /** Jobs the schedule makes in all; then it ends. Minimum: `1`. @default no limit */
  limit?: number
  /**
   * Slots missed while no context ran: `'none'` skips them, `'one'` makes one job for the
   * latest, `'all'` makes one job per missed slot (at most {@link DEFAULTS.scheduleCatchUpMax}).
   * @default 'one'
   */
  catchUp?: CatchUp
  /**
   * Make a slot's job even while the job of the previous slot is still running. Without it, a
   * slot passes without a job if that job was claimed at or before the slot and still runs.
   * @default false
   */
  overlap?: boolean
}

/**
 * The job each slot makes. `options` are the options of `add`, but `id`, `delay` and `runAt`,
 * which the schedule sets.
 * @example { name: 'sync', data: { full: false }, options: { attempts: 5 } }
 */
export interface ScheduleTemplate<N extends string = string, D = unknown> {
  name: N
  data: D
  options?: Omit<JobOptions, 'id' | 'delay' | 'runAt'>
}

/** A spec after validation: times as epoch ms, `catchUp` filled in. */
export interface StoredSpec {
  every?: number
  pattern?: string
  tz?: string
  startAt?: number
  endAt?: number
  limit?: number
  catchUp: CatchUp
  overlap?: boolean
}

/** A schedule as `getSchedulers()` shows it. */
export interface Schedule {
  id: string
  spec: StoredSpec
  template: ScheduleTemplate
  /** The next slot (epoch ms); absent once the schedule has ended (`limit`, `endAt`). */
  nextRunAt?: number
  /** The slot of the last job made. */
  lastSlot?: number
  /** Jobs made so far. */
  count: number
}

/** A schedule as stored: one row per id, changed only in the transaction that makes its jobs. */
export interface ScheduleRecord extends Schedule {
  /** The id of the job of `lastSlot`: a running one holds the next slot back unless `overlap`. */
  lastJobId?: string
  createdAt: number
  updatedAt: number
}
