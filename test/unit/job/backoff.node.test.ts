import { describe, expect, it } from 'vitest'
import { backoffDelay, isBackoffType } from '../../../src/job/backoff.js'

describe('backoff', () => {
  it('fixed waits its delay after every failure', () => {
    expect([1, 2, 5].map((n) => backoffDelay({ type: 'fixed', delay: 300 }, n))).toEqual([300, 300, 300])
  })

  it('exponential waits delay·2^(n-1) after the n-th failure', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay({ type: 'exponential', delay: 100 }, n))).toEqual([100, 200, 400, 800])
  })

  it('maxDelay caps every type', () => {
    expect(backoffDelay({ type: 'exponential', delay: 100, maxDelay: 250 }, 3)).toBe(250)
    expect(backoffDelay({ type: 'fixed', delay: 100, maxDelay: 40 }, 1)).toBe(40)
  })

  it('jitter j draws the wait from [d·(1−j), d] with the injected random', () => {
    const backoff = { type: 'fixed', delay: 1000, jitter: 0.4 } as const
    expect(backoffDelay(backoff, 1, () => 0)).toBe(1000)
    expect(backoffDelay(backoff, 1, () => 0.5)).toBe(800)
    expect(backoffDelay(backoff, 1, () => 1)).toBe(600)
  })

  it('jitter applies after the cap, so a capped wait still varies', () => {
    expect(backoffDelay({ type: 'exponential', delay: 100, maxDelay: 250, jitter: 0.5 }, 5, () => 1)).toBe(125)
  })

  it('treats a failure count below 1 as the first failure', () => {
    expect(backoffDelay({ type: 'exponential', delay: 100 }, 0)).toBe(100)
  })

  it('knows exactly its two strategies', () => {
    expect(['fixed', 'exponential', 'linear', 'toString', 1].map(isBackoffType)).toEqual([true, true, false, false, false])
  })
})
