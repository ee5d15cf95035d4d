// The pure transitions of durable steps, and how an attempt's outcome picks them.
import { describe, expect, it } from 'vitest'
import { addStep, sleep } from '../../../src/job/step-transitions.js'
import { complete, fail, rerun, stall } from '../../../src/job/transitions.js'
import { outcomeTransition } from '../../../src/scheduler/outcome.js'
import type { RunOutcome } from '../../../src/runners/protocol.js'
import { activeRecord } from './job-record'

const NOW = 50_000
const slept: RunOutcome = { ok: false, sleep: { name: 'nap', ms: 5000 }, error: { name: 'SleepSignal', message: 'sleeps' } }

describe('addStep', () => {
  it('appends the step, the job otherwise as it was', () => {
    const running = activeRecord(NOW)
    const once = addStep(running, { name: 'a', at: NOW, result: 1 })
    const twice = addStep(once, { name: 'b', at: NOW + 1, result: { url: 'x' } })
    expect(twice.steps).toEqual([{ name: 'a', at: NOW, result: 1 }, { name: 'b', at: NOW + 1, result: { url: 'x' } }])
    expect({ ...twice, steps: undefined }).toEqual({ ...running, steps: undefined })
    expect(running.steps).toBeUndefined()
  })

  it('replaces a step of the same name (one that had started but not stored before)', () => {
    const record = addStep(addStep(activeRecord(NOW), { name: 'a', at: 1, result: 1 }), { name: 'a', at: 2, result: 2 })
    expect(record.steps).toEqual([{ name: 'a', at: 2, result: 2 }])
  })
})

describe('sleep', () => {
  it('stores the sleep as a step, delays the job until then, and does not spend the attempt', () => {
    const running = activeRecord(NOW, { attempts: 2, steps: [{ name: 'a', at: NOW - 5, result: 1 }] })
    const after = sleep(running, NOW, 'nap', NOW + 5000)
    expect(after).toMatchObject({ state: 'delayed', runAt: NOW + 5000, attempts: 1, errors: [] })
    expect(after.steps).toEqual([{ name: 'a', at: NOW - 5, result: 1 }, { name: 'nap', at: NOW, result: { wakeAt: NOW + 5000 } }])
    for (const field of ['owner', 'token', 'leaseUntil'] as const) expect(after).not.toHaveProperty(field)
  })

  it('makes the job waiting at once for a sleep of 0 ms', () => {
    expect(sleep(activeRecord(NOW), NOW, 'nap', NOW)).toMatchObject({ state: 'waiting', runAt: NOW, attempts: 0 })
  })
})

describe('steps across transitions', () => {
  const withSteps = activeRecord(NOW, { steps: [{ name: 'a', at: NOW, result: 1 }] })
  it('are kept by a failure, an interruption, a completion and a rerun', () => {
    const failed = fail(withSteps, { name: 'Error', message: 'x', attempt: 1, at: NOW }, NOW)
    expect(failed.steps).toEqual(withSteps.steps)
    expect(stall(withSteps, NOW).steps).toEqual(withSteps.steps)
    expect(complete(withSteps, 1, NOW).steps).toEqual(withSteps.steps)
    expect(rerun(fail(withSteps, { name: 'Error', message: 'x', attempt: 3, at: NOW }, NOW, true), NOW).steps).toEqual(withSteps.steps)
  })
})

describe('outcomeTransition of a run that slept', () => {
  it('sleeps, from the run end, when nothing aborted the run, and when it was stopped', () => {
    for (const reason of [undefined, 'stop'] as const) {
      expect(outcomeTransition(reason, slept, NOW)!(activeRecord(NOW - 10))).toMatchObject({ state: 'delayed', runAt: NOW + 5000, attempts: 0 })
    }
  })

  it('leaves the abort reason first otherwise: canceled, timed out, or nothing to write once the lease is lost', () => {
    expect(outcomeTransition('cancel', slept, NOW)!(activeRecord(NOW)).state).toBe('canceled')
    const timedOut = outcomeTransition('timeout', slept, NOW)!(activeRecord(NOW, { timeout: 10 }))
    expect(timedOut.error?.name).toBe('TimeoutError')
    expect(timedOut.steps).toBeUndefined()
    expect(outcomeTransition('lost', slept, NOW)).toBeUndefined()
  })
})
