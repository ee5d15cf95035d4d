import { describe, expect, it } from 'vitest'
import { holdsKey, keysTouched, mayStart } from '../../../src/storage/ordering.js'
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

  it('name the keys whose holding changed by a write, or whose job started or stopped running', () => {
    const waiting = record({ orderingKey: 'a' })
    const running = claim(record({ orderingKey: 'b' }), T, 'o', 't', 1000)
    const failed = fail(claim(record({ orderingKey: 'c' }), T, 'o', 't', 1000), { name: 'E', message: 'm', attempt: 1, at: T }, T, true)
    const changes = [
      { before: running, after: complete(running, 1, T) },
      { before: waiting, after: { ...waiting, data: 2 } },
      { before: failed, after: rerun(failed, T) },
      { before: failed, after: null },
      { before: record({ orderingKey: 'd' }), after: undefined },
      { before: record(), after: cancel(record(), T) },
    ]
    expect([...keysTouched(changes)]).toEqual(['b', 'c'])
  })
})
