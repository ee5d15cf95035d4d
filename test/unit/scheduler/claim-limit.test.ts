import { describe, expect, it } from 'vitest'
import { claimLimit, dueAfterClaim, dueAtStart } from '../../../src/scheduler/claim-limit.js'

const sizes = { concurrency: 4, prefetch: 32 }

describe('claimLimit', () => {
  it('claims nothing while not running, backlog or not', () => {
    expect(claimLimit({ ...sizes, running: false, due: 'more', holding: 0 })).toBe(0)
    expect(claimLimit({ ...sizes, running: false, due: 'unknown', holding: 0 })).toBe(0)
  })

  it('claims for free slots only at the first claim after start', () => {
    expect(claimLimit({ ...sizes, running: true, due: 'unknown', holding: 0 })).toBe(4)
    expect(claimLimit({ ...sizes, running: true, due: 'unknown', holding: 1 })).toBe(3)
  })

  it('claims for free slots only once nothing more was due', () => {
    expect(claimLimit({ ...sizes, running: true, due: 'none', holding: 1 })).toBe(3)
  })

  it('claims `prefetch` ahead while a backlog lasts, counting the jobs held already', () => {
    expect(claimLimit({ ...sizes, running: true, due: 'more', holding: 4 })).toBe(32)
    expect(claimLimit({ ...sizes, running: true, due: 'more', holding: 10 })).toBe(26)
  })

  it('never goes below zero', () => {
    expect(claimLimit({ ...sizes, running: true, due: 'more', holding: 40 })).toBe(0)
    expect(claimLimit({ ...sizes, running: true, due: 'none', holding: 5 })).toBe(0)
  })
})

describe('due jobs', () => {
  it('is a backlog only when the storage says more were due', () => {
    expect(dueAfterClaim(true)).toBe('more')
    expect(dueAfterClaim(false)).toBe('none')
    expect(dueAfterClaim(undefined)).toBe('none')
  })

  it('forgets at start that nothing was due, and keeps a backlog', () => {
    expect(dueAtStart('none')).toBe('unknown')
    expect(dueAtStart('unknown')).toBe('unknown')
    expect(dueAtStart('more')).toBe('more')
  })
})
