import { describe, expect, it } from 'vitest'
import {
  cancel, canRetry, claim, claimAhead, complete, defer, discard, expire, fail, renew, requestCancel, rerun, setProgress, stall, start,
} from '../../../src/job/transitions.js'
import { changeDelay, changePriority, promote, updateData } from '../../../src/job/queued-changes.js'
import { activeRecord, jobRecord } from './job-record.js'

const error = (attempt: number, at: number) => ({ name: 'Error', message: 'boom', attempt, at })
/** The lease fields a record still has: none once it left `active`. */
const leaseOf = (record: object): string[] => ['owner', 'token', 'leaseUntil', 'cancelRequested'].filter((field) => field in record)

describe('transitions', () => {
  it('claim makes the job active under a fresh lease and counts the attempt', () => {
    expect(claim(jobRecord(), 5000, 'me', 'tok', 30_000)).toMatchObject({
      state: 'active', attempts: 1, startedAt: 5000, owner: 'me', token: 'tok', leaseUntil: 35_000,
    })
  })

  it('renew moves only the lease', () => {
    const record = activeRecord(5000)
    expect(renew(record, 9000, 30_000)).toEqual({ ...record, leaseUntil: 39_000 })
  })

  it('complete settles with the result, the duration, and no lease', () => {
    const done = complete(activeRecord(5000), { ok: 1 }, 5250)
    expect(done).toMatchObject({ state: 'completed', result: { ok: 1 }, completedAt: 5250, settledAt: 5250, duration: 250 })
    expect(leaseOf(done)).toEqual([])
  })

  it('fail with attempts left waits for its backoff, keeps the error, and leaves no lease', () => {
    const failed = fail(activeRecord(5000), error(1, 5100), 5100)
    expect(failed).toMatchObject({ state: 'delayed', runAt: 5200, error: error(1, 5100), errors: [error(1, 5100)], duration: 100 })
    expect(leaseOf(failed)).toEqual([])
    expect(failed).not.toHaveProperty('settledAt')
  })

  it('fail waits for the exponential backoff of the failed attempt, with jitter from the injected random', () => {
    const backoff = { type: 'exponential', delay: 100, jitter: 0.5 } as const
    const third = activeRecord(5000, { attempts: 3, maxAttempts: 5, backoff })
    expect(fail(third, error(3, 5000), 5000, false, () => 0).runAt).toBe(5400)
    expect(fail(third, error(3, 5000), 5000, false, () => 1).runAt).toBe(5200)
  })

  it('a retry due at once is waiting, not delayed', () => {
    const record = activeRecord(5000, { backoff: { type: 'fixed', delay: 0 } })
    expect(fail(record, error(1, 5000), 5000).state).toBe('waiting')
  })

  it('fail settles as failed when attempts are spent, the failure is final, or the job was discarded', () => {
    const last = activeRecord(5000, { attempts: 3 })
    expect(fail(last, error(3, 5100), 5100)).toMatchObject({ state: 'failed', failedAt: 5100, settledAt: 5100, duration: 100 })
    expect(fail(activeRecord(5000), error(1, 5100), 5100, true).state).toBe('failed')
    expect(fail(activeRecord(5000, { discarded: true }), error(1, 5100), 5100).state).toBe('failed')
    expect(canRetry(activeRecord(5000))).toBe(true)
    expect(canRetry(last)).toBe(false)
  })

  it('cancel settles a waiting job without a duration and a running one with it', () => {
    expect(cancel(jobRecord(), 7000)).toMatchObject({ state: 'canceled', canceledAt: 7000, settledAt: 7000 })
    expect(cancel(jobRecord(), 7000)).not.toHaveProperty('duration')
    expect(cancel(activeRecord(5000), 7000)).toMatchObject({ state: 'canceled', duration: 2000 })
    expect(leaseOf(cancel(activeRecord(5000, { cancelRequested: true }), 7000))).toEqual([])
  })

  it('requestCancel marks a job running elsewhere and changes nothing else', () => {
    const record = activeRecord(5000)
    expect(requestCancel(record)).toEqual({ ...record, cancelRequested: true })
  })

  it('defer puts an unfinished attempt back to waiting without counting it', () => {
    const deferred = defer(activeRecord(5000, { attempts: 2 }), 6000)
    expect(deferred).toMatchObject({ state: 'waiting', runAt: 6000, attempts: 1 })
    expect(leaseOf(deferred)).toEqual([])
    expect(defer(activeRecord(5000, { attempts: 0 }), 6000).attempts).toBe(0)
  })

  it('stall puts an interrupted run back to waiting without spending the attempt, counting the stall', () => {
    const stalled = stall(activeRecord(5000, { attempts: 2, stalls: 1 }), 40_000)
    expect(stalled).toMatchObject({ state: 'waiting', runAt: 40_000, attempts: 1, stalls: 2, errors: [] })
    expect(stalled).not.toHaveProperty('error')
    expect(leaseOf(stalled)).toEqual([])
  })

  it('stall fails the job with StalledError once it is interrupted more than maxStalls times', () => {
    const third = stall(activeRecord(5000, { stalls: 2, maxStalls: 3 }), 40_000)
    expect(third).toMatchObject({ state: 'waiting', stalls: 3 })
    const fourth = stall(activeRecord(5000, { stalls: 3, maxStalls: 3 }), 40_000)
    expect(fourth).toMatchObject({ state: 'failed', stalls: 4, attempts: 1, failedAt: 40_000, error: { name: 'StalledError', attempt: 1, at: 40_000 } })
    expect(fourth.errors).toEqual([fourth.error])
    expect(stall(activeRecord(5000, { maxStalls: 0 }), 40_000).state).toBe('failed')
  })

  it('stall treats a record stored without stalls (0.1) as never interrupted, with the default bound', () => {
    const { stalls: _stalls, maxStalls: _max, ...old } = activeRecord(5000)
    expect(stall(old, 40_000)).toMatchObject({ state: 'waiting', stalls: 1 })
    expect(stall({ ...old, stalls: 3 }, 40_000).state).toBe('failed')
  })

  it('stall cancels a job whose cancel was requested: nobody else would honour it', () => {
    expect(stall(activeRecord(5000, { cancelRequested: true }), 40_000)).toMatchObject({ state: 'canceled', canceledAt: 40_000 })
  })

  it('rerun starts a settled job again with a fresh budget, keeping its errors as history', () => {
    const failed = fail(activeRecord(5000, { attempts: 3, progress: 70 }), error(3, 5100), 5100)
    const again = rerun({ ...failed, discarded: true }, 9000)
    expect(again).toMatchObject({ state: 'waiting', runAt: 9000, attempts: 0, progress: 0, errors: [error(3, 5100)] })
    for (const field of ['error', 'result', 'settledAt', 'failedAt', 'completedAt', 'canceledAt', 'discarded', 'owner']) {
      expect(again).not.toHaveProperty(field)
    }
  })

  it('rerun gives a job that failed with StalledError its interruptions back (found by the simulation, seed 4)', () => {
    const stalledOut = stall(activeRecord(5000, { maxStalls: 0 }), 40_000)
    expect(stalledOut).toMatchObject({ state: 'failed', stalls: 1 })
    const again = rerun(stalledOut, 41_000)
    expect(again).toMatchObject({ state: 'waiting', stalls: 0 })
    expect(again.errors.map((e) => e.name)).toEqual(['StalledError'])
    expect(stall(claim(again, 42_000, 'me', 'tok', 30_000), 80_000)).toMatchObject({ state: 'failed', stalls: 1 })
  })

  it('promote, discard, updateData and setProgress change exactly their field', () => {
    const delayed = jobRecord({ state: 'delayed', runAt: 99_000 })
    expect(promote(delayed, 2000)).toEqual({ ...delayed, state: 'waiting', runAt: 2000 })
    expect(discard(delayed)).toEqual({ ...delayed, discarded: true })
    expect(updateData(delayed, { width: 20 })).toEqual({ ...delayed, data: { width: 20 } })
    expect(setProgress(delayed, 40)).toEqual({ ...delayed, progress: 40 })
  })

  it('never changes the record it is given', () => {
    const record = activeRecord(5000)
    const copy = structuredClone(record)
    complete(record, 1, 6000)
    fail(record, error(1, 6000), 6000)
    stall(record, 6000)
    defer(record, 6000)
    expect(record).toEqual(copy)
  })

  it('claimAhead leases the job without spending its attempt; start spends it; defer and stall give it back unspent', () => {
    const held = claimAhead(jobRecord(), 1000, 'tab', 'tok', 500)
    expect(held).toMatchObject({ state: 'active', held: true, attempts: 0, owner: 'tab', token: 'tok', leaseUntil: 1500 })
    expect(held.startedAt).toBeUndefined()
    const started = start(held, 1200)
    expect(started).toMatchObject({ state: 'active', attempts: 1, startedAt: 1200 })
    expect(started).not.toHaveProperty('held')
    expect(start(started, 1300)).toBe(started)
    for (const back of [defer(held, 2000), stall(held, 2000)]) {
      expect(back).toMatchObject({ state: 'waiting', attempts: 0, runAt: 2000 })
      expect(back).not.toHaveProperty('held')
      expect(back.stalls ?? 0).toBe(0)
      expect(leaseOf(back)).toEqual([])
    }
  })
})

describe('expiry and changes to queued jobs', () => {
  it('expire fails a job with ExpiredError, its attempts unchanged', () => {
    const record = { ...jobRecord(), expiresAt: 1000 }
    expect(expire(record, 1500)).toMatchObject({ state: 'failed', attempts: 0, failedAt: 1500, error: { name: 'ExpiredError', attempt: 0, at: 1500 } })
  })

  it('fail expires a job at once when its retry would come after its expiry', () => {
    const running = claim({ ...jobRecord(), expiresAt: 2000, backoff: { type: 'fixed', delay: 1000 } }, 1000, 'o', 't', 100)
    const error = { name: 'Error', message: 'x', attempt: 1, at: 1500 }
    expect(fail(running, error, 1500)).toMatchObject({ state: 'failed', error: { name: 'ExpiredError' } })
    expect(fail(running, error, 500).state).toBe('delayed')
    expect(rerun(expire(running, 2500), 3000).expiresAt).toBeUndefined()
  })

  it('changePriority and changeDelay change a queued job, and refuse a claimed one', () => {
    const record = jobRecord()
    expect(changePriority(record, 7)).toMatchObject({ priority: 7, rank: -7 })
    expect(changeDelay(record, 500, 1000)).toMatchObject({ state: 'delayed', runAt: 1500 })
    expect(changeDelay({ ...record, state: 'blocked' }, 500, 1000)).toMatchObject({ state: 'blocked', runAt: 1500 })
    const ahead = claimAhead(record, 1000, 'o', 't', 100)
    expect(changePriority(ahead, 1)).toBeUndefined()
    expect(changeDelay(claim(record, 1000, 'o', 't', 100), 0, 1000)).toBeUndefined()
  })
})
