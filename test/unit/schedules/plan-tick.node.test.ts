import { describe, expect, it } from 'vitest'
import { planTick, scheduledJobId, type TickContext } from '../../../src/schedules/plan-tick.js'
import { everySlots } from '../../../src/schedules/slots.js'
import { scheduleRecord } from './schedule-record.js'

const minute = 60_000
const series = everySlots(minute)
const at = (now: number, more: Partial<TickContext> = {}): TickContext => ({ now, lateness: 1000, catchUpMax: 100, lastRunning: false, ...more })

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
    const held = planTick(scheduleRecord({ every: minute }, { nextRunAt: 2 * minute, count: 1 }), series, at(2 * minute, { lastRunning: true }))!
    expect(held.slots).toEqual([])
    expect(held.schedule).toMatchObject({ nextRunAt: 3 * minute, count: 1 })
    const overlapping = planTick(scheduleRecord({ every: minute, overlap: true }, { nextRunAt: 2 * minute }), series, at(2 * minute, { lastRunning: true }))!
    expect(overlapping.slots).toEqual([2 * minute])
  })
})
