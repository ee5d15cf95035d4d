import { describe, expect, it } from 'vitest'
import { storedStatesFor } from '../../../src/storage/stored-states.js'

describe('storedStatesFor', () => {
  it('reads delayed rows too when waiting is asked (a due delayed job shows as waiting)', () => {
    expect(storedStatesFor(['waiting'])).toEqual(['waiting', 'delayed', 'active'])
    expect(storedStatesFor(['completed', 'waiting'])).toEqual(['completed', 'waiting', 'delayed', 'active'])
  })

  it('reads exactly the states asked otherwise, each once', () => {
    expect(storedStatesFor(['delayed'])).toEqual(['delayed'])
    expect(storedStatesFor(['active', 'failed', 'active'])).toEqual(['active', 'failed'])
    expect(storedStatesFor(['waiting', 'delayed'])).toEqual(['waiting', 'delayed', 'active'])
    expect(storedStatesFor([])).toEqual([])
  })
})
