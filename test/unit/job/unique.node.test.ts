import { describe, expect, it } from 'vitest'
import { blocksDuplicate, stableStringify, uniqueSpec } from '../../../src/job/unique.js'
import { jobRecord } from './job-record.js'

describe('unique keys', () => {
  it('unique: true keys by name and data, whatever the order of the data keys, in scope pending', () => {
    const a = uniqueSpec(true, 'sync', { b: 1, a: [1, { d: 2, c: 3 }] }, 0)
    const b = uniqueSpec(true, 'sync', { a: [1, { c: 3, d: 2 }], b: 1 }, 0)
    expect(a).toEqual({ key: 'sync:{"a":[1,{"c":3,"d":2}],"b":1}', scope: 'pending' })
    expect(b).toEqual(a)
    expect(uniqueSpec(true, 'sync', { a: 2 }, 0)?.key).not.toBe(a?.key)
  })

  it('an explicit key and scope are kept; no option means no key', () => {
    expect(uniqueSpec({ key: 'user:1', scope: 'waiting' }, 'sync', {}, 0)).toEqual({ key: 'user:1', scope: 'waiting' })
    expect(uniqueSpec(undefined, 'sync', {}, 0)).toBeUndefined()
  })

  it('a window folds the epoch-aligned window index into the key', () => {
    const window = { key: 'k', scope: { window: 1000 } }
    expect(uniqueSpec(window, 'sync', {}, 5999)).toEqual({ key: 'k@5', scope: 'window' })
    expect(uniqueSpec(window, 'sync', {}, 6000)).toEqual({ key: 'k@6', scope: 'window' })
  })

  it('each scope is blocked by exactly its states', () => {
    const blocks = (scope: 'pending' | 'waiting' | 'window') =>
      (['waiting', 'delayed', 'active', 'completed', 'failed', 'canceled'] as const).filter((state) => blocksDuplicate(jobRecord({ state }), scope))
    expect(blocks('pending')).toEqual(['waiting', 'delayed', 'active'])
    expect(blocks('waiting')).toEqual(['waiting', 'delayed'])
    expect(blocks('window')).toEqual(['waiting', 'delayed', 'active', 'completed', 'failed', 'canceled'])
  })

  it('stableStringify gives undefined a key of its own', () => {
    expect(stableStringify(undefined)).toBe('undefined')
    expect(stableStringify(null)).toBe('null')
  })
})
