import { describe, expect, it } from 'vitest'
import { isPaused, nextPauseState, noPause, type PauseState } from '../../../src/storage/pause.js'

describe('pause', () => {
  it('starts with no queue paused', () => {
    expect(noPause()).toEqual({ all: false, queues: [] })
    expect(noPause()).not.toBe(noPause())
  })

  it('tells whether a queue, or every queue, is paused', () => {
    const some: PauseState = { all: false, queues: ['mail'] }
    expect([isPaused(some, 'mail'), isPaused(some, 'report'), isPaused(some)]).toEqual([true, false, false])
    const all: PauseState = { all: true, queues: [] }
    expect([isPaused(all, 'mail'), isPaused(all)]).toEqual([true, true])
  })

  it('pauses and resumes one queue, listing it once, in the order paused', () => {
    const mail = nextPauseState(noPause(), 'mail', true)
    const both = nextPauseState(nextPauseState(mail, 'report', true), 'mail', true)
    expect(both).toEqual({ all: false, queues: ['report', 'mail'] })
    expect(nextPauseState(both, 'report', false)).toEqual({ all: false, queues: ['mail'] })
    expect(nextPauseState(noPause(), 'mail', false)).toEqual({ all: false, queues: [] })
  })

  it('pausing every queue keeps single pauses; resuming every queue clears them', () => {
    const some: PauseState = { all: false, queues: ['mail'] }
    const all = nextPauseState(some, undefined, true)
    expect(all).toEqual({ all: true, queues: ['mail'] })
    expect(nextPauseState(all, undefined, false)).toEqual({ all: false, queues: [] })
    expect(nextPauseState(all, 'mail', false)).toEqual({ all: true, queues: [] })
  })

  it('returns a new state and leaves the one given as it was', () => {
    const before: PauseState = { all: false, queues: ['mail'] }
    nextPauseState(before, 'report', true)
    nextPauseState(before, 'mail', false)
    nextPauseState(before, undefined, true)
    expect(before).toEqual({ all: false, queues: ['mail'] })
  })
})
