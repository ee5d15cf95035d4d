import { describe, expect, it } from 'vitest'
import { claimLimit, dueAfterClaim, dueAtStart, type DueJobs } from '../../../src/scheduler/claim-limit.js'

describe('claimLimit', () => {
  it.each<[string, boolean, DueJobs, number, number]>([
    ['nothing while stopped or stopping, backlog or not', false, 'more', 0, 0],
    ['nothing while stopped, before any claim', false, 'unknown', 0, 0],
    ['free slots only at the first claim after start', true, 'unknown', 0, 4],
    ['free slots only at the first claim after start, counting held jobs', true, 'unknown', 1, 3],
    ['free slots only once nothing more was due', true, 'none', 1, 3],
    ['`prefetch` ahead while a backlog lasts', true, 'more', 4, 32],
    ['`prefetch` ahead while a backlog lasts, counting held jobs', true, 'more', 10, 26],
    ['nothing when more are held than a backlog allows', true, 'more', 40, 0],
    ['nothing when more are held than there are slots', true, 'none', 5, 0],
  ])('claims %s', (_what, running, due, holding, limit) => {
    expect(claimLimit({ concurrency: 4, prefetch: 32, running, due, holding })).toBe(limit)
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
