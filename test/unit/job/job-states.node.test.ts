import { describe, expect, it } from 'vitest'
import { isSettled, JOB_STATES, pendingState, SETTLED_STATES, visibleState, zeroCounts } from '../../../src/job/job-states.js'

describe('job states', () => {
  it('lists every state once, the settled ones among them', () => {
    expect(JOB_STATES).toEqual(['blocked', 'waiting', 'delayed', 'active', 'completed', 'failed', 'canceled'])
    expect(SETTLED_STATES.every((state) => JOB_STATES.includes(state))).toBe(true)
    expect(JOB_STATES.filter(isSettled)).toEqual([...SETTLED_STATES])
  })

  it('a job scheduled ahead is delayed; at or before now it is waiting', () => {
    expect(pendingState(1001, 1000)).toBe('delayed')
    expect(pendingState(1000, 1000)).toBe('waiting')
  })

  it('a stored delayed job whose time has come is seen as waiting', () => {
    expect(visibleState({ state: 'delayed', runAt: 1000 }, 999)).toBe('delayed')
    expect(visibleState({ state: 'delayed', runAt: 1000 }, 1000)).toBe('waiting')
    expect(visibleState({ state: 'active', runAt: 0 }, 1000)).toBe('active')
  })

  it('counts start at zero for every state', () => {
    expect(zeroCounts()).toEqual({ blocked: 0, waiting: 0, delayed: 0, active: 0, completed: 0, failed: 0, canceled: 0 })
  })
})
