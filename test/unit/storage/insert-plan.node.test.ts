import type { InsertEntry, JobRecord } from 'docket'
import { describe, expect, it } from 'vitest'
import { claim, complete } from '../../../src/job/transitions.js'
import { planInsert, type StoredJobs } from '../../../src/storage/insert-plan.js'
import { T, entry, nextToken, record } from '../../storage/records.js'

/** The stored jobs as the plan sees them, from a plain list. */
function storedOf(jobs: JobRecord[]): StoredJobs {
  return {
    byId: (id) => jobs.find((job) => job.id === id),
    byUniqueKey: (key) => jobs.filter((job) => job.uniqueKey === key),
  }
}

const none = storedOf([])
const outcome = (entries: InsertEntry[], stored: StoredJobs = none) =>
  planInsert(entries, stored).map(({ record: { id }, duplicate }) => ({ id, duplicate }))

describe('planInsert', () => {
  it('stores every entry of a batch without ids or keys in common, as its own record', () => {
    const batch = [entry(), entry({ queue: 'mail' }), entry({ delay: 10 })]
    const plan = planInsert(batch, none)
    expect(plan.map((result) => result.duplicate)).toEqual([false, false, false])
    plan.forEach((result, i) => expect(result.record).toBe(batch[i]!.record))
  })

  it('returns the stored job for a caller id that exists, and ignores ids it need not check', () => {
    const existing = record({ id: 'order-1' })
    const stored = storedOf([existing])
    const [checked] = planInsert([entry({ id: 'order-1' })], stored)
    expect(checked).toEqual({ record: existing, duplicate: 'id' })
    expect(checked!.record).toBe(existing)
    expect(outcome([{ record: record({ id: 'order-1' }), checkId: false }], stored)).toEqual([{ id: 'order-1', duplicate: false }])
  })

  it('checks ids and unique keys against earlier entries of the same batch', () => {
    const batch = [entry({ id: 'a' }, { v: 1 }), entry({ id: 'a' }, { v: 2 }), entry({ unique: { key: 'k' } }, { v: 3 }), entry({ unique: { key: 'k' } }, { v: 4 })]
    const plan = planInsert(batch, none)
    expect(plan.map((result) => result.duplicate)).toEqual([false, 'id', false, 'unique'])
    expect(plan[1]!.record).toBe(batch[0]!.record)
    expect(plan[3]!.record).toBe(batch[2]!.record)
  })

  it('scope pending: blocked by waiting, delayed and active jobs, not by settled ones', () => {
    const unique = { key: 'sync', scope: 'pending' } as const
    const waiting = record({ unique })
    const active = claim(record({ unique }), T, 'owner', nextToken(), 1000)
    const settled = complete(active, 'ok', T + 1)
    expect(outcome([entry({ unique })], storedOf([waiting]))).toEqual([{ id: waiting.id, duplicate: 'unique' }])
    expect(outcome([entry({ unique })], storedOf([record({ unique, delay: 100 })]))[0]!.duplicate).toBe('unique')
    expect(outcome([entry({ unique })], storedOf([active]))).toEqual([{ id: active.id, duplicate: 'unique' }])
    expect(outcome([entry({ unique })], storedOf([settled]))[0]!.duplicate).toBe(false)
  })

  it('scope waiting: blocked by waiting and delayed jobs, not by active ones', () => {
    const unique = { key: 'refresh', scope: 'waiting' } as const
    const delayed = record({ unique, delay: 100 })
    expect(outcome([entry({ unique })], storedOf([delayed]))).toEqual([{ id: delayed.id, duplicate: 'unique' }])
    const active = claim(record({ unique }), T, 'owner', nextToken(), 1000)
    expect(outcome([entry({ unique })], storedOf([active]))[0]!.duplicate).toBe(false)
  })

  it('scope window: blocked by any job of the same window, settled or not', () => {
    const unique = { key: 'digest', scope: { window: 60_000 } } as const
    const done = complete(claim(record({ unique }), T, 'owner', nextToken(), 1000), 'ok', T + 5)
    expect(outcome([entry({ unique })], storedOf([done]))).toEqual([{ id: done.id, duplicate: 'unique' }])
  })

  it('names the first blocker: stored jobs before earlier entries of the batch', () => {
    // The running job does not block scope `waiting`, so the first entry is staged; both block scope `pending`.
    const running = claim(record({ unique: { key: 'k' } }), T, 'owner', nextToken(), 1000)
    const [staged, blocked] = [entry({ unique: { key: 'k', scope: 'waiting' } }), entry({ unique: { key: 'k', scope: 'pending' } })]
    expect(outcome([staged, blocked], storedOf([running]))).toEqual([
      { id: staged.record.id, duplicate: false },
      { id: running.id, duplicate: 'unique' },
    ])
  })

  it('checks against every earlier entry of the batch with the key, not only the first', () => {
    const unique = { key: 'k', scope: 'pending' } as const
    // A settled record of the batch does not block scope `pending`; the waiting one after it does.
    const settled = complete(claim(record({ unique }), T, 'owner', nextToken(), 1000), 'ok', T + 1)
    const [waiting, third] = [entry({ unique }), entry({ unique })]
    expect(outcome([{ record: settled, checkId: false }, waiting, third])).toEqual([
      { id: settled.id, duplicate: false },
      { id: waiting.record.id, duplicate: false },
      { id: waiting.record.id, duplicate: 'unique' },
    ])
  })

  it('lets a duplicate stage nothing: a later entry is checked against what was really staged', () => {
    const [first, sameId, sameKey] = [entry({ id: 'x' }), entry({ id: 'x', unique: { key: 'k' } }), entry({ unique: { key: 'k' } })]
    expect(outcome([first, sameId, sameKey])).toEqual([
      { id: 'x', duplicate: false },
      { id: 'x', duplicate: 'id' },
      { id: sameKey.record.id, duplicate: false },
    ])
  })
})
