import { describe, expect, it } from 'vitest'
import { planTick, scheduledJobId, type TickContext } from '../../../src/schedules/plan-tick.js'
import { everySlots } from '../../../src/schedules/slots.js'
import { scheduleRecord } from './schedule-record.js'

const minute = 60_000
const series = everySlots(minute)
const at = (now: number, more: Partial<TickContext> = {}): TickContext => ({ now, lateness: 1000, catchUpMax: 100, ...more })

describe('planTick', () => {
  it('does nothing before the next slot, or after the schedule ended', () => {
    expect(planTick(scheduleRecord({ every: minute }, { nextRunAt: 2 * minute }), series, at(2 * minute - 1))).toBeUndefined()
    expect(planTick(scheduleRecord({ every: minute }), series, at(10 * minute))).toBeUndefined()
  })

  it('makes the due slot and advances to the next one', () => {
    const plan = planTick(scheduleRecord({ every: minute }, { nextRunAt: 2 * minute }), series, at(2 * minute + 5))!
    expect(plan.slots).toEqual([2 * minute])
    expect(plan.schedule).toMatchObject({ nextRunAt: 3 * minute, lastSlot: 2 * minute, count: 1, lastJobId: scheduledJobId('sync', 2 * minute) })
  })

  it("catches up missed slots as `catchUp` says: 'none' skips, 'one' makes the latest, 'all' makes each", () => {
    const missed = (catchUp: 'none' | 'one' | 'all') =>
      planTick(scheduleRecord({ every: minute, catchUp }, { nextRunAt: minute }), series, at(10 * minute + minute / 2))!
    expect(missed('none').slots).toEqual([])
    expect(missed('one').slots).toEqual([10 * minute])
    expect(missed('all').slots).toEqual(Array.from({ length: 10 }, (_, i) => (i + 1) * minute))
    for (const catchUp of ['none', 'one', 'all'] as const) expect(missed(catchUp).schedule.nextRunAt).toBe(11 * minute)
    expect(missed('none').schedule).toMatchObject({ count: 0 })
    expect(missed('none').schedule.lastSlot).toBeUndefined()
  })

  it('counts a slot late by up to `lateness` as on time, and the slot the timer waited for however late', () => {
    const schedule = scheduleRecord({ every: minute, catchUp: 'none' }, { nextRunAt: minute })
    expect(planTick(schedule, series, at(minute + 1000))!.slots).toEqual([minute])
    expect(planTick(schedule, series, at(minute + 1001))!.slots).toEqual([])
    expect(planTick(schedule, series, at(minute + 50_000, { armedFor: minute }))!.slots).toEqual([minute])
  })

  it("bounds 'all' by `catchUpMax`, keeping the latest, without walking every slot", () => {
    const schedule = scheduleRecord({ every: 1, catchUp: 'all' }, { nextRunAt: 1 })
    const plan = planTick(schedule, everySlots(1), at(1e12, { catchUpMax: 3 }))!
    expect(plan.slots).toEqual([1e12 - 2, 1e12 - 1, 1e12])
    expect(plan.schedule.nextRunAt).toBe(1e12 + 1)
  })

  it('stops at `limit` jobs and at `endAt`', () => {
    const limited = planTick(scheduleRecord({ every: minute, catchUp: 'all', limit: 3 }, { nextRunAt: minute, count: 1 }), series, at(5 * minute))!
    expect(limited.slots).toEqual([minute, 2 * minute])
    expect(limited.schedule.count).toBe(3)
    expect(limited.schedule.nextRunAt).toBeUndefined()
    const ending = planTick(scheduleRecord({ every: minute, catchUp: 'all', endAt: 3 * minute }, { nextRunAt: minute }), series, at(5 * minute))!
    expect(ending.slots).toEqual([minute, 2 * minute, 3 * minute])
    expect(ending.schedule.nextRunAt).toBeUndefined()
  })

  it('lets a slot pass without a job while the previous run is still going, unless `overlap`', () => {
    const running = { lastRun: { startedAt: minute + 10, leaseUntil: 2 * minute + 30_000 } }
    const held = planTick(scheduleRecord({ every: minute }, { nextRunAt: 2 * minute, count: 1 }), series, at(2 * minute, running))!
    expect(held.slots).toEqual([])
    expect(held.schedule).toMatchObject({ nextRunAt: 3 * minute, count: 1 })
    const overlapping = planTick(scheduleRecord({ every: minute, overlap: true }, { nextRunAt: 2 * minute }), series, at(2 * minute, running))!
    expect(overlapping.slots).toEqual([2 * minute])
  })

  describe('after a closure shorter than `lateness` holds several slots (issue 30: every 300 ms, closed 1.5 s)', () => {
    const every = 300
    const closed = everySlots(every)
    // Slots 300 … 1500 are due at 1550; 600 … 1500 are each at most `lateness` (1000) old.
    const missed = [300, 600, 900, 1200, 1500]
    const reopen = (catchUp: 'none' | 'one' | 'all', more: Partial<TickContext> = {}) =>
      planTick(scheduleRecord({ every, catchUp }, { nextRunAt: every, count: 1, lastSlot: 0 }), closed, at(1550, more))!

    it("counts only the latest slot as on time: 'none' makes it alone, 'one' makes 1 job, 'all' one per slot", () => {
      expect(reopen('none').slots).toEqual([1500])
      expect(reopen('one').slots).toEqual([1500])
      expect(reopen('all').slots).toEqual(missed)
      for (const catchUp of ['none', 'one', 'all'] as const) expect(reopen(catchUp).schedule.nextRunAt).toBe(1800)
      expect(reopen('one').schedule).toMatchObject({ count: 2, lastSlot: 1500 })
    })

    it('counts the slot the timer waited for as on time only while it is the latest due', () => {
      expect(reopen('none', { armedFor: 300 }).slots).toEqual([1500])
      const throttled = planTick(scheduleRecord({ every: minute, catchUp: 'none' }, { nextRunAt: minute }), series, at(3 * minute + 5000, { armedFor: minute }))!
      expect(throttled.slots).toEqual([])
      expect(throttled.schedule.nextRunAt).toBe(4 * minute)
    })

    it("catches up though the last slot's job is active, when it was claimed after the missed slots", () => {
      // The reopening queue's own scheduler claimed the job left waiting at close before its first tick.
      const claimedNow = { lastRun: { startedAt: 1540, leaseUntil: 31_540 } }
      expect(reopen('none', claimedNow).slots).toEqual([1500])
      expect(reopen('one', claimedNow).slots).toEqual([1500])
      expect(reopen('all', claimedNow).slots).toEqual(missed)
    })

    it('catches up the slots after the lease of a run that its closed context left `active`', () => {
      const interrupted = { lastRun: { startedAt: 10, leaseUntil: 650 } }
      expect(reopen('none', interrupted).slots).toEqual([1500])
      expect(reopen('one', interrupted).slots).toEqual([1500])
      expect(reopen('all', interrupted).slots).toEqual([900, 1200, 1500])
    })

    it('lets the slots pass that came while the previous run was under way, and catches up the ones before it', () => {
      const since700 = { lastRun: { startedAt: 700, leaseUntil: 30_700 } }
      expect(reopen('none', since700).slots).toEqual([])
      expect(reopen('one', since700).slots).toEqual([600])
      expect(reopen('all', since700).slots).toEqual([300, 600])
      for (const catchUp of ['none', 'one', 'all'] as const) expect(reopen(catchUp, since700).schedule.nextRunAt).toBe(1800)
    })
  })
})
