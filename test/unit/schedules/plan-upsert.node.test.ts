import { describe, expect, it } from 'vitest'
import { planUpsert, sameValue } from '../../../src/schedules/plan-upsert.js'
import { everySlots } from '../../../src/schedules/slots.js'
import { scheduleRecord } from './schedule-record.js'

const minute = 60_000
const template = { name: 'sync', data: null }

describe('planUpsert', () => {
  it('starts a new schedule at its first slot from now, or from `startAt`', () => {
    expect(planUpsert(undefined, 'sync', { every: minute, catchUp: 'one' }, template, everySlots(minute), 90_000)).toMatchObject({ nextRunAt: 2 * minute, count: 0, createdAt: 90_000 })
    expect(planUpsert(undefined, 'sync', { every: minute, catchUp: 'one' }, template, everySlots(minute), 2 * minute)!.nextRunAt).toBe(2 * minute)
    const later = planUpsert(undefined, 'sync', { every: minute, startAt: 10 * minute + 7, catchUp: 'one' }, template, everySlots(minute, 10 * minute + 7), 0)!
    expect(later.nextRunAt).toBe(10 * minute + 7)
  })

  it('has no next slot when `endAt` is before the first', () => {
    expect(planUpsert(undefined, 'sync', { every: minute, endAt: 30_000, catchUp: 'one' }, template, everySlots(minute), 1)!.nextRunAt).toBeUndefined()
  })

  it('changes nothing for the same spec and template, key order aside', () => {
    const current = scheduleRecord({ every: minute, catchUp: 'one' }, { nextRunAt: 5 * minute, count: 4, template: { name: 'sync', data: { a: 1, b: 2 } } })
    expect(planUpsert(current, 'sync', { catchUp: 'one', every: minute }, { data: { b: 2, a: 1 }, name: 'sync' }, everySlots(minute), 4 * minute + 1)).toBeUndefined()
  })

  it('takes a new template for the next job, keeping the slots', () => {
    const current = scheduleRecord({ every: minute }, { nextRunAt: 5 * minute, count: 4 })
    const next = planUpsert(current, 'sync', current.spec, { name: 'sync', data: 2 }, everySlots(minute), 4 * minute + 1)!
    expect(next).toMatchObject({ nextRunAt: 5 * minute, count: 4, template: { data: 2 } })
  })

  it('takes a new spec from the next slot after now and the last slot, keeping the count', () => {
    const current = scheduleRecord({ every: minute }, { nextRunAt: 5 * minute, lastSlot: 4 * minute, count: 4 })
    const next = planUpsert(current, 'sync', { every: 10 * minute, catchUp: 'one' }, template, everySlots(10 * minute), 4 * minute + 1)!
    expect(next).toMatchObject({ nextRunAt: 10 * minute, lastSlot: 4 * minute, count: 4, spec: { every: 10 * minute } })
    // A limit already reached ends it.
    expect(planUpsert(current, 'sync', { every: minute, limit: 4, catchUp: 'one' }, template, everySlots(minute), 4 * minute + 1)!.nextRunAt).toBeUndefined()
  })

  it('compares values deeply', () => {
    expect(sameValue({ a: [1, { b: 2 }], c: undefined }, { a: [1, { b: 2 }] })).toBe(true)
    expect(sameValue({ a: [1] }, { a: { 0: 1 } })).toBe(false)
    expect(sameValue({ a: 1 }, { a: 2 })).toBe(false)
  })
})
