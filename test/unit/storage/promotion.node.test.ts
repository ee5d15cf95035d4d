import { describe, expect, it } from 'vitest'
import { isDueDelayed, nextRunAt } from '../../../src/storage/promotion.js'
import { T, activeRecord, record, settledRecord } from '../../storage/records.js'

describe('isDueDelayed', () => {
  it('is true for a delayed job from its runAt on, and for no other state', () => {
    const delayed = record({ delay: 100 })
    expect([T + 99, T + 100, T + 101].map((now) => isDueDelayed(delayed, now))).toEqual([false, true, true])
    expect(isDueDelayed(record({ runAt: T - 5 }), T)).toBe(false)
    expect(isDueDelayed({ ...activeRecord(T, 1000), runAt: T - 5 }, T)).toBe(false)
  })
})

describe('nextRunAt', () => {
  it('is the earliest runAt among delayed jobs only', () => {
    const records = [record({ delay: 300 }), record({ runAt: T - 100 }), null, record({ delay: 200 }), undefined, { ...activeRecord(T, 10), runAt: T + 1 }]
    expect(nextRunAt(records)).toBe(T + 200)
  })

  it('is undefined without delayed jobs', () => {
    expect(nextRunAt([record(), settledRecord('failed', T), null, undefined])).toBeUndefined()
    expect(nextRunAt([])).toBeUndefined()
  })
})
