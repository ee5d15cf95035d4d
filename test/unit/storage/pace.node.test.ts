import { describe, expect, it } from 'vitest'
import { createPace, noPace } from '../../../src/storage/pace.js'

describe('createPace', () => {
  const limits = { api: { max: 3, duration: 100 } }

  it('opens a limited queue until `max` starts, then `duration` after the max-th latest start', () => {
    const pace = createPace(noPace(), 1000, limits)
    expect(pace.openAt('api')).toBe(0)
    pace.take('api')
    pace.take('api')
    expect(pace.openAt('api')).toBe(0)
    pace.take('api')
    expect(pace.openAt('api')).toBe(1100)
    expect(pace.next()).toEqual({ state: { holds: {}, starts: { api: [1000, 1000, 1000] } }, changed: true })
  })

  it('keeps a sliding log: starts older than `duration` leave it, and only the last `max` are kept', () => {
    const later = createPace({ holds: {}, starts: { api: [900, 950, 1000] } }, 1000, limits)
    // 900 is exactly `duration` old: it no longer counts.
    expect(later.openAt('api')).toBe(0)
    later.take('api')
    expect(later.openAt('api')).toBe(1050)
    expect(later.next().state.starts.api).toEqual([950, 1000, 1000])
  })

  it('never counts an unlimited queue, and keeps the log of a queue another context limits', () => {
    const pace = createPace({ holds: {}, starts: { other: [1] } }, 1000, limits)
    pace.take('free')
    expect(pace.openAt('free')).toBe(0)
    expect(pace.next()).toEqual({ state: { holds: {}, starts: { other: [1] } }, changed: false })
  })

  it('holds a queue until the later of the stored and the new hold, and forgets holds that ended', () => {
    const pace = createPace({ holds: { mail: 1500, old: 900 }, starts: {} }, 1000, {}, { mail: 1200, api: 2000 })
    expect(pace.openAt('mail')).toBe(1500)
    expect(pace.openAt('api')).toBe(2000)
    expect(pace.openAt('old')).toBe(0)
    expect(pace.next()).toEqual({ state: { holds: { mail: 1500, api: 2000 }, starts: {} }, changed: true })
  })

  it('waits for the later of a hold and the rate', () => {
    const pace = createPace({ holds: { api: 1050 }, starts: { api: [990, 995, 1000] } }, 1000, limits)
    expect(pace.openAt('api')).toBe(1090)
  })
})
