import type { JobRecord } from 'docket'
import { describe, expect, it } from 'vitest'
import { compareReady } from '../../../src/storage/claim-order.js'
import { T, record } from '../../storage/records.js'

const job = (id: string, priority: number, runAt: number, seq?: number): JobRecord =>
  ({ ...record({ id, priority, runAt }), ...(seq === undefined ? {} : { seq }) })

describe('compareReady', () => {
  it('orders by priority (higher first), then runAt (earlier first), then insertion order', () => {
    const jobs = [
      job('low', -1, T - 90, 1),
      job('mid-late-2', 5, T - 10, 7),
      job('top', 10, T + 100, 9),
      job('mid-early', 5, T - 50, 8),
      job('mid-late-1', 5, T - 10, 2),
      job('zero', 0, T - 10, 3),
    ]
    expect(jobs.sort(compareReady).map((ready) => ready.id)).toEqual(['top', 'mid-early', 'mid-late-1', 'mid-late-2', 'zero', 'low'])
  })

  it('is zero only for equal keys, and antisymmetric', () => {
    const [a, b] = [job('a', 1, T, 1), job('b', 1, T, 2)]
    expect(compareReady(a, b)).toBeLessThan(0)
    expect(compareReady(b, a)).toBeGreaterThan(0)
    expect(compareReady(a, job('a-again', 1, T, 1))).toBe(0)
  })

  it('ranks a record without seq (not yet stored) as inserted first', () => {
    expect(compareReady(job('new', 1, T), job('stored', 1, T, 1))).toBeLessThan(0)
  })
})
