import { describe, expect, it } from 'vitest'
import { holdsKey, mayStart, touchesKey } from '../../../src/storage/ordering.js'
import { cancel, claim, complete, fail, rerun } from '../../../src/job/transitions.js'
import { T, record } from '../../storage/records.js'

describe('ordering keys', () => {
  it('are held by waiting, delayed, running and failed jobs; completed and canceled ones let go', () => {
    expect(['waiting', 'delayed', 'active', 'failed'].every((state) => holdsKey(state as never))).toBe(true)
    expect(holdsKey('completed') || holdsKey('canceled')).toBe(false)
  })

  it('let a job start only as the head of its key, while none of the key runs', () => {
    const head = record({ orderingKey: 'k' })
    const next = record({ orderingKey: 'k' })
    expect(mayStart(head, head, false)).toBe(true)
    expect(mayStart(next, head, false)).toBe(false)
    expect(mayStart(head, head, true)).toBe(false)
    expect(mayStart(head, undefined, false)).toBe(false)
  })

  it('touch a key when a job enters or leaves its holders, or a holder becomes pending again; not when one starts or changes data', () => {
    const waiting = record({ orderingKey: 'a' })
    const running = claim(record({ orderingKey: 'b' }), T, 'o', 't', 1000)
    const failed = fail(claim(record({ orderingKey: 'c' }), T, 'o', 't', 1000), { name: 'E', message: 'm', attempt: 1, at: T }, T, true)
    const blocked = { ...record({ orderingKey: 'e' }), state: 'blocked' as const }
    expect(touchesKey(running, complete(running, 1, T))).toBe(true)
    expect(touchesKey(undefined, waiting)).toBe(true)
    expect(touchesKey(failed, undefined)).toBe(true)
    // A failed head retried must be marked again: the defect of a key that waited forever.
    expect(touchesKey(failed, rerun(failed, T))).toBe(true)
    expect(touchesKey(blocked, failed)).toBe(true)
    expect(touchesKey(waiting, { ...waiting, data: 2 })).toBe(false)
    expect(touchesKey(waiting, claim(waiting, T, 'o', 't', 1000))).toBe(false)
    expect(touchesKey(record(), cancel(record(), T))).toBe(false)
  })
})
