import { describe, expect, it } from 'vitest'
import { isDueDelayed, nextRunAt, promoteDue } from '../../../src/storage/promotion.js'
import { T, activeRecord, record, settledRecord } from '../../storage/records.js'

describe('isDueDelayed', () => {
  it('is true for a delayed job from its runAt on, and for no other state', () => {
    const delayed = record({ delay: 100 })
    expect([T + 99, T + 100, T + 101].map((now) => isDueDelayed(delayed, now))).toEqual([false, true, true])
    expect(isDueDelayed(record({ runAt: T - 5 }), T)).toBe(false)
    expect(isDueDelayed({ ...activeRecord(T, 1000), runAt: T - 5 }, T)).toBe(false)
  })
})

describe('promoteDue', () => {
  it('returns each due delayed job as waiting, in order, with every other field kept', () => {
    const [late, early, future, waiting] = [record({ delay: 50 }), record({ delay: 10 }), record({ delay: 500 }), record()]
    const promoted = promoteDue([late, undefined, early, future, waiting], T + 50)
    expect(promoted).toEqual([{ ...late, state: 'waiting' }, { ...early, state: 'waiting' }])
  })

  it('makes new records and leaves the ones given as they were', () => {
    const delayed = record({ delay: 10 })
    const [promoted] = promoteDue([delayed], T + 10)
    expect(promoted).not.toBe(delayed)
    expect(delayed.state).toBe('delayed')
  })

  it('returns nothing when nothing is due', () => {
    expect(promoteDue([record({ delay: 10 }), record(), settledRecord('completed', T)], T + 9)).toEqual([])
    expect(promoteDue([], T)).toEqual([])
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
