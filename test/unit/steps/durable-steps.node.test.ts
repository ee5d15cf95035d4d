// The handler's side of durable steps, alone: replay, names, results, and the sleep signal.
import { ValidationError } from 'docket'
import { describe, expect, it } from 'vitest'
import { durableSteps } from '../../../src/steps/durable-steps.js'

function run(stored: Array<{ name: string; at: number; result: unknown }> = []) {
  const writes: Array<[string, unknown]> = []
  const steps = durableSteps(stored, async (name, result) => void writes.push([name, result]), ValidationError)
  return { steps, writes }
}

describe('durableSteps', () => {
  it('calls fn of a new step and stores its result before resolving; replays a stored one without calling fn', async () => {
    const { steps, writes } = run([{ name: 'a', at: 1, result: { kept: true } }])
    let calls = 0
    expect(await steps.step('a', () => ++calls)).toEqual({ kept: true })
    expect(await steps.step('b', async () => ++calls)).toBe(1)
    expect(writes).toEqual([['b', 1]])
  })

  it('rejects a name used twice, even a replayed one, and bad arguments, with ValidationError', async () => {
    const { steps } = run([{ name: 'a', at: 1, result: 1 }])
    await steps.step('a', () => 0)
    await expect(steps.step('a', () => 0)).rejects.toThrow(ValidationError)
    await expect(steps.step('', () => 0)).rejects.toThrow(/Expected `name` of ctx.step\(\) to be a non-empty string, got an empty string/)
    await expect(steps.step('f', 1 as never)).rejects.toThrow(/Expected `fn` of ctx.step\("f"\) to be a function, got number/)
    await expect(steps.sleep('s', -1)).rejects.toThrow(/Expected `ms` of ctx.sleep\("s"\) to be a finite number >= 0, got -1/)
  })

  it('stores nothing of a result that cannot be cloned', async () => {
    const { steps, writes } = run()
    await expect(steps.step('fn', () => () => 1)).rejects.toThrow(/Expected the result of step "fn" to be structured-cloneable/)
    expect(writes).toEqual([])
  })

  it('does not store a step whose fn threw', async () => {
    const { steps, writes } = run()
    await expect(steps.step('x', () => { throw new Error('boom') })).rejects.toThrow('boom')
    expect(writes).toEqual([])
  })

  it('ends the run at a new sleep, which nothing after it can undo; a stored sleep resolves at once', async () => {
    const { steps } = run([{ name: 'first', at: 1, result: { wakeAt: 2 } }])
    await expect(steps.sleep('first', 1000)).resolves.toBeUndefined()
    expect(steps.sleeping()).toBeUndefined()
    await expect(steps.sleep('second', 1000)).rejects.toMatchObject({ name: 'SleepSignal' })
    expect(steps.sleeping()).toEqual({ name: 'second', ms: 1000 })
    await expect(steps.step('after', () => 1)).rejects.toMatchObject({ name: 'SleepSignal' })
  })
})
