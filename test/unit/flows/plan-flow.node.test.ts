import { describe, expect, it } from 'vitest'
import { ValidationError } from '../../../src/errors.js'
import { findCycle, planFlow } from '../../../src/flows/plan-flow.js'

let n = 0
const plan = (steps: unknown) => planFlow(steps, {}, () => `id-${++n}`, 1000)
const reason = (steps: unknown): string => {
  try {
    plan(steps)
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError)
    return (error as Error).message
  }
  throw new Error('expected a ValidationError')
}

describe('planFlow', () => {
  it('builds a diamond: prerequisites know their dependents, dependents are blocked awaiting them', () => {
    const { refs, entries } = plan([
      { ref: 'a', name: 'x', data: 1 },
      { ref: 'b', name: 'x', data: 2, dependsOn: ['a'] },
      { ref: 'c', name: 'x', data: 3, dependsOn: ['a'] },
      { ref: 'd', name: 'x', data: 4, dependsOn: ['b', 'c', 'b'], options: { onDependencyFailure: 'continue', priority: 2 } },
    ])
    const [a, b, c, d] = entries.map((entry) => entry.record)
    expect(refs).toEqual(['a', 'b', 'c', 'd'])
    expect(a).toMatchObject({ ref: 'a', state: 'waiting', dependents: [b!.id, c!.id] })
    expect(a).not.toHaveProperty('dependsOn')
    expect(b).toMatchObject({ state: 'blocked', dependsOn: [a!.id], awaiting: [a!.id], dependents: [d!.id] })
    expect(d).toMatchObject({ state: 'blocked', dependsOn: [b!.id, c!.id], priority: 2, onDependencyFailure: 'continue', dependencies: {} })
    expect(entries.every((entry) => !entry.checkId)).toBe(true)
  })

  it('rejects cycles, naming them', () => {
    expect(reason([{ ref: 'a', name: 'x', data: 1, dependsOn: ['b'] }, { ref: 'b', name: 'x', data: 1, dependsOn: ['a'] }]))
      .toBe('Expected `flow` to have no cycle, got "a" → "b" → "a"')
    expect(reason([{ ref: 'a', name: 'x', data: 1, dependsOn: ['a'] }])).toBe('Expected `flow` to have no cycle, got "a" → "a"')
    expect(findCycle([{ ref: 'a', dependsOn: [] }, { ref: 'b', dependsOn: ['a'] }])).toBeUndefined()
  })

  it('rejects unknown refs, repeated refs and bad shapes, naming the step', () => {
    expect(reason([{ ref: 'a', name: 'x', data: 1, dependsOn: ['nope'] }])).toBe('Expected `flow[0].dependsOn` to be refs of jobs of the flow ("a"), got "nope"')
    expect(reason([{ ref: 'a', name: 'x', data: 1 }, { ref: 'a', name: 'x', data: 1 }])).toBe('Expected `flow[1].ref` to be a ref that no other job of the flow has, got "a"')
    expect(reason({})).toBe('Expected `flow` to be an array of { ref, name, data, options?, dependsOn? }, got an object')
    expect(reason([{ name: 'x', data: 1 }])).toBe('Expected `flow[0].ref` to be a non-empty string, got undefined')
    expect(reason([{ ref: 'a', name: 'x', data: 1, dependsOn: 'b' }])).toBe('Expected `flow[0].dependsOn` to be an array of refs, got "b"')
  })

  it('rejects bad options, including those a flow cannot have', () => {
    expect(reason([{ ref: 'a', name: 'x', data: 1, options: { onDependencyFailure: 'skip' } }])).toBe("Expected `flow[0].options.onDependencyFailure` to be 'fail' or 'continue', got \"skip\"")
    expect(reason([{ ref: 'a', name: 'x', data: 1, options: { id: 'mine' } }])).toMatch(/^Expected `flow\[0\]\.options\.id` to be absent/)
    expect(reason([{ ref: 'a', name: 'x', data: 1, options: { unique: true } }])).toMatch(/^Expected `flow\[0\]\.options\.unique` to be absent/)
    expect(reason([{ ref: 'a', name: 'x', data: 1, options: { priority: 1.5 } }])).toBe('flow[0] (ref "a"): Expected `priority` to be an integer, got 1.5')
    expect(reason([{ ref: 'a', name: '', data: 1 }])).toBe('flow[0] (ref "a"): Expected `name` to be a non-empty string, got ""')
  })
})
