import { describe, expect, it } from 'vitest'
import { cancel, complete, fail, prerequisiteCompleted, prerequisiteFailed, prerequisiteRerun, rerun } from '../../../src/job/transitions.js'
import { activeRecord, jobRecord } from './job-record.js'

const a = complete(activeRecord(900, { id: 'a', ref: 'upload-a', dependents: ['d'] }), { url: 'a' }, 1000)
const b = complete(activeRecord(900, { id: 'b', ref: 'upload-b', dependents: ['d'] }), { url: 'b' }, 1000)
const blocked = (overrides = {}) => jobRecord({ id: 'd', ref: 'assemble', state: 'blocked', dependsOn: ['a', 'b'], awaiting: ['a', 'b'], dependencies: {}, ...overrides })

describe('dependency transitions', () => {
  it('a completed prerequisite leaves its result under its ref; the last one releases the job', () => {
    const half = prerequisiteCompleted(blocked(), a, 2000)!
    expect(half).toMatchObject({ state: 'blocked', awaiting: ['b'], dependencies: { 'upload-a': { url: 'a' } } })
    expect(prerequisiteCompleted(half, b, 2000)).toMatchObject({
      state: 'waiting', awaiting: [], runAt: 2000, dependencies: { 'upload-a': { url: 'a' }, 'upload-b': { url: 'b' } },
    })
  })

  it('a released job keeps a runAt still ahead: it becomes delayed', () => {
    expect(prerequisiteCompleted(blocked({ awaiting: ['a'], runAt: 5000 }), a, 2000)).toMatchObject({ state: 'delayed', runAt: 5000 })
  })

  it('a job that does not await the prerequisite, or that ran, is not concerned', () => {
    expect(prerequisiteCompleted(blocked({ awaiting: ['b'] }), a, 2000)).toBeUndefined()
    expect(prerequisiteCompleted(jobRecord({ state: 'waiting', awaiting: ['a'] }), a, 2000)).toBeUndefined()
  })

  it('a failed prerequisite fails a blocked job with DependencyFailedError naming it', () => {
    const failed = prerequisiteFailed(blocked(), { ...a, state: 'failed' }, 'failed', 3000)!
    expect(failed).toMatchObject({ state: 'failed', failedAt: 3000, settledAt: 3000, failedPrerequisites: ['a'] })
    expect(failed.error).toEqual({ name: 'DependencyFailedError', message: 'Prerequisite "upload-a" (job a) failed', attempt: 0, at: 3000 })
    expect(prerequisiteFailed(blocked(), a, 'canceled', 3000)!.error!.message).toBe('Prerequisite "upload-a" (job a) was canceled')
    expect(prerequisiteFailed(blocked(), a, 'removed', 3000)!.error!.message).toBe('Prerequisite "upload-a" (job a) was removed')
  })

  it("with 'continue' the job stops waiting for a failed prerequisite and runs without its result", () => {
    const going = prerequisiteFailed(blocked({ onDependencyFailure: 'continue', awaiting: ['a'] }), a, 'failed', 3000)
    expect(going).toMatchObject({ state: 'waiting', awaiting: [], dependencies: {} })
  })

  it("with 'continue' a failed prerequisite that is rerun while the job is still blocked is awaited again, and its result arrives", () => {
    const failedA = fail(activeRecord(2500, { id: 'a', ref: 'upload-a', dependents: ['d'], maxAttempts: 1 }), { name: 'Error', message: 'x', attempt: 1, at: 3000 }, 3000)
    const withoutA = prerequisiteFailed(blocked({ onDependencyFailure: 'continue' }), failedA, 'failed', 3000)!
    expect(withoutA).toMatchObject({ state: 'blocked', awaiting: ['b'] })
    const rerunA = rerun(failedA, 4000)
    const waitsAgain = prerequisiteRerun(withoutA, rerunA, 4000)!
    expect(waitsAgain).toMatchObject({ state: 'blocked', awaiting: ['b', 'a'] })
    const completedA = complete({ ...rerunA, state: 'active', attempts: 1, startedAt: 4500 }, { url: 'a2' }, 5000)
    const released = prerequisiteCompleted(prerequisiteCompleted(waitsAgain, completedA, 5000)!, b, 5100)
    expect(released).toMatchObject({ state: 'waiting', awaiting: [], dependencies: { 'upload-a': { url: 'a2' }, 'upload-b': { url: 'b' } } })
  })

  it("with 'continue' a job released without a failed prerequisite does not wait for its rerun", () => {
    const failedA = { ...a, state: 'failed' as const }
    const going = prerequisiteFailed(blocked({ onDependencyFailure: 'continue', awaiting: ['a'] }), failedA, 'failed', 3000)!
    expect(going.state).toBe('waiting')
    expect(prerequisiteRerun(going, rerun(failedA, 4000), 4000)).toBeUndefined()
    expect(prerequisiteRerun({ ...going, state: 'completed' }, rerun(failedA, 4000), 4000)).toBeUndefined()
  })

  it("with 'continue' a job released without a failed prerequisite gets its rerun's result while it has not started", () => {
    const failedA = { ...a, state: 'failed' as const }
    const going = prerequisiteFailed(blocked({ onDependencyFailure: 'continue', awaiting: ['a'], dependencies: { 'upload-b': { url: 'b' } } }), failedA, 'failed', 3000)!
    // Found by the simulation: a paused queue kept it waiting while the rerun completed.
    expect(prerequisiteCompleted(going, a, 5000)).toMatchObject({ state: 'waiting', dependencies: { 'upload-a': { url: 'a' }, 'upload-b': { url: 'b' } } })
    expect(prerequisiteCompleted({ ...going, state: 'active' }, a, 5000)).toBeUndefined()
    expect(prerequisiteCompleted({ ...going, state: 'completed' }, a, 5000)).toBeUndefined()
  })

  it("with 'continue' a rerun of a prerequisite still awaited, or already completed, changes nothing", () => {
    expect(prerequisiteRerun(blocked({ onDependencyFailure: 'continue' }), rerun({ ...a, state: 'failed' }, 4000), 4000)).toBeUndefined()
    const half = prerequisiteCompleted(blocked({ onDependencyFailure: 'continue' }), a, 2000)!
    expect(prerequisiteRerun(half, rerun({ ...a, state: 'canceled' }, 4000), 4000)).toBeUndefined()
  })

  it('a second failed prerequisite is noted; the job is blocked again only once both are rerun', () => {
    const failed = prerequisiteFailed(blocked(), a, 'failed', 3000)!
    const twice = prerequisiteFailed(failed, b, 'canceled', 3100)!
    expect(twice).toMatchObject({ state: 'failed', failedPrerequisites: ['a', 'b'], failedAt: 3000 })
    const once = prerequisiteRerun(twice, rerun(a, 4000), 4000)!
    expect(once).toMatchObject({ state: 'failed', failedPrerequisites: ['b'] })
    const again = prerequisiteRerun(once, rerun(cancel(b, 3100), 4100), 4100)!
    expect(again).toMatchObject({ state: 'blocked', attempts: 0, awaiting: ['a', 'b'], errors: [{ name: 'DependencyFailedError' }] })
    expect(again).not.toHaveProperty('error')
    expect(again).not.toHaveProperty('failedAt')
    expect(again).not.toHaveProperty('failedPrerequisites')
  })

  it('retry() of the dependent itself runs it: it no longer counts as failed by its prerequisite', () => {
    const again = rerun(prerequisiteFailed(blocked(), a, 'failed', 3000)!, 4000)
    expect(again).toMatchObject({ state: 'waiting', awaiting: ['a', 'b'] })
    expect(again).not.toHaveProperty('failedPrerequisites')
    expect(prerequisiteRerun(again, rerun(a, 5000), 5000)).toBeUndefined()
  })

  it('a rerun concerns only jobs that the prerequisite failed', () => {
    expect(prerequisiteRerun(blocked(), a, 4000)).toBeUndefined()
    expect(prerequisiteRerun(jobRecord({ state: 'failed', errors: [] }), a, 4000)).toBeUndefined()
  })

  it('a prerequisite completing while the job is failed by another records its result, without releasing it', () => {
    const failed = prerequisiteFailed(blocked(), a, 'failed', 3000)!
    expect(prerequisiteCompleted(failed, b, 3500)).toMatchObject({ state: 'failed', awaiting: ['a'], dependencies: { 'upload-b': { url: 'b' } } })
  })
})
