import type { JobRecord, Update } from 'docket'
import { describe, expect, it } from 'vitest'
import { complete, setProgress } from '../../../src/job/transitions.js'
import { applyFenced, holdsFence } from '../../../src/storage/fence.js'
import { T, activeRecord, record } from '../../storage/records.js'

/** An update that records whether it ran. */
function spy(id: string, token: string | undefined, apply: Update['apply']): Update & { calls: number } {
  const update = {
    id,
    ...(token === undefined ? {} : { token }),
    calls: 0,
    apply: (given: JobRecord) => {
      update.calls++
      return apply(given)
    },
  }
  return update
}

describe('holdsFence', () => {
  const job = activeRecord(T, 1000)

  it('lets an unfenced update through, and a fenced one only with the stored token', () => {
    expect(holdsFence({}, job)).toBe(true)
    expect(holdsFence({ token: job.token }, job)).toBe(true)
    expect(holdsFence({ token: 'an-old-token' }, job)).toBe(false)
  })

  it('refuses a fenced update to a job that holds no token (settled or waiting)', () => {
    expect(holdsFence({ token: job.token }, record())).toBe(false)
    expect(holdsFence({}, record())).toBe(true)
  })
})

describe('applyFenced', () => {
  const job = activeRecord(T, 1000)

  it('returns what apply made of the record, without calling apply on anything else', () => {
    const progressed = setProgress(job, 40)
    const update = spy(job.id, job.token, () => progressed)
    expect(applyFenced(update, job)).toEqual({ id: job.id, before: job, after: progressed })
    expect(applyFenced(update, job).after).toBe(progressed)
    expect(update.calls).toBe(2)
  })

  it('does not call apply when the job is missing or the token is not the stored one', () => {
    const missing = spy('missing', undefined, (given) => given)
    const result = applyFenced(missing, undefined)
    expect(result).toEqual({ id: 'missing', before: undefined })
    expect(result).not.toHaveProperty('after')
    const stale = spy(job.id, 'an-old-token', (given) => complete(given, 'late', T + 5))
    expect(applyFenced(stale, job)).toEqual({ id: job.id, before: job })
    expect(missing.calls + stale.calls).toBe(0)
  })

  it('reports no `after` when apply leaves the job, and `null` when apply deletes it', () => {
    const left = applyFenced(spy(job.id, job.token, () => undefined), job)
    expect(left).toEqual({ id: job.id, before: job })
    expect(left).not.toHaveProperty('after')
    expect(applyFenced(spy(job.id, undefined, () => null), job)).toEqual({ id: job.id, before: job, after: null })
  })

  it('leaves the record given as it was when apply is a pure transition', () => {
    const copy = structuredClone(job)
    applyFenced(spy(job.id, job.token, (given) => complete(given, 'done', T + 5)), job)
    expect(job).toEqual(copy)
  })
})
