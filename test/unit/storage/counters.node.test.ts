import { describe, expect, it } from 'vitest'
import { activeOrHeld, addDelta, applyDeltas, countAll, visibleCounts, type CountDeltas } from '../../../src/storage/counters.js'

describe('counters', () => {
  it('count a job claimed ahead apart: shown as waiting, held against its queue limit', () => {
    const counts = countAll([
      { queue: 'a', state: 'active' },
      { queue: 'a', state: 'active', held: true },
      { queue: 'a', state: 'active', held: true },
      { queue: 'a', state: 'waiting' },
      { queue: 'b', state: 'delayed' },
    ])
    expect(counts).toEqual({ a: { active: 1, held: 2, waiting: 1 }, b: { delayed: 1 } })
    expect(visibleCounts(counts, 'a', 0)).toMatchObject({ active: 1, waiting: 3 })
    expect(visibleCounts(counts, undefined, 1)).toMatchObject({ active: 1, waiting: 4, delayed: 0 })
    expect(activeOrHeld(counts, 'a')).toBe(3)
  })

  it('move a held job to active when it starts, and nothing when only its data changes', () => {
    const deltas: CountDeltas = new Map()
    addDelta(deltas, { queue: 'a', state: 'active', held: true }, { queue: 'a', state: 'active' })
    addDelta(deltas, { queue: 'a', state: 'waiting' }, { queue: 'a', state: 'waiting' })
    expect(applyDeltas({ a: { held: 1 } }, deltas)).toEqual({ counts: { a: { active: 1 } }, changed: true })
  })
})
