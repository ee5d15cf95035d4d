// Contexts that tick schedules on one database under the test's clock and timers: each is the
// queue's own schedules part (`createSchedulers`) over its own connection, as a tab's queue
// would have, so that no step waits for real time and every race is run as written.
import type { JobRecord, Storage } from 'docket'
import { afterEach } from 'vitest'
import { createSchedulers, type Schedulers } from '../../../src/schedules/schedulers.js'
import type { Timers } from '../../../src/schedules/schedule-ticker.js'
import { testDatabase, type TestDatabase } from '../../support/test-database'

/** A clock and timers that move only when the test says. */
export interface ManualTime {
  now(): number
  timers: Timers
  /** The time of the earliest timer set, if any. */
  nextTimer(): number | undefined
}

/** One context: its schedules part, its connection, and the jobs its ticks made. */
export interface Context {
  schedules: Schedulers
  storage: Storage
  made: JobRecord[]
  close(): Promise<void>
}

/** A database, its contexts and the clock they share. */
export interface Contexts {
  db: TestDatabase
  time: ManualTime
  /** Opens a context on the database: it ticks at once, as a page that loads. */
  open(): Context
  /** Sets the clock to `time` and fires every timer due by then, then waits until every context is idle. */
  advanceTo(time: number): Promise<void>
  /** Advances from timer to timer up to `time`. */
  runUntil(time: number): Promise<void>
  /** Every job on the database, in insertion order. */
  jobs(): Promise<JobRecord[]>
  /** Waits until no context has a tick under way. */
  idle(): Promise<void>
}

/** Contexts on a new database, starting at `start`; all closed after the test. */
export async function contexts(start: number): Promise<Contexts> {
  const db = await testDatabase()
  let now = start
  let ids = 0
  const pending = new Map<number, { at: number; fn: () => void }>()
  const open: Context[] = []
  const faults: Error[] = []
  const time: ManualTime = {
    now: () => now,
    timers: {
      set(fn, ms) {
        pending.set(++ids, { at: now + ms, fn })
        return ids
      },
      clear: (id) => void pending.delete(id as number),
    },
    nextTimer: () => Math.min(...[...pending.values()].map((timer) => timer.at)),
  }
  const reader = db.storage()
  cleanup.push(async () => {
    await Promise.all(open.splice(0).map((context) => context.close()))
    await reader.close()
    if (faults.length) throw faults[0]
  })

  const idle = async (): Promise<void> => {
    await Promise.all(open.map((context) => context.schedules.idle()))
  }

  async function advanceTo(to: number): Promise<void> {
    now = to
    const due = [...pending.entries()].filter(([, timer]) => timer.at <= to).sort((a, b) => a[1].at - b[1].at)
    for (const [id] of due) pending.delete(id)
    // All at once, as timers of several tabs firing on the same slot.
    for (const [, timer] of due) timer.fn()
    await idle()
    if (faults.length) throw faults[0]
  }

  return {
    db, time, idle,
    open() {
      const storage = db.storage()
      const made: JobRecord[] = []
      const schedules = createSchedulers({
        storage, defaults: {}, now: time.now, timers: time.timers,
        made: (records) => made.push(...records),
        changed: () => {},
        fault: (error) => faults.push(error),
      })
      const context: Context = {
        schedules, storage, made,
        async close() {
          const at = open.indexOf(context)
          if (at >= 0) open.splice(at, 1)
          await schedules.close()
          await storage.close()
        },
      }
      open.push(context)
      return context
    },
    advanceTo,
    async runUntil(to) {
      for (let at = time.nextTimer(); at !== undefined && Number.isFinite(at) && at <= to; at = time.nextTimer()) await advanceTo(at)
      await advanceTo(to)
    },
    async jobs() {
      return reader.list({ limit: 100_000, offset: 0, order: 'asc', now })
    },
  }
}

const cleanup: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close()
})
