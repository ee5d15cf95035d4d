import type { Storage } from 'docket'
import { describe, expect, it } from 'vitest'
import { cancel, complete, fail, rerun } from '../../../src/job/transitions.js'
import { T, change, claimRequest, entry, idsOf, record, seed } from '../records.js'

const boom = (at: number) => ({ name: 'Error', message: 'boom', attempt: 1, at })

/** Ordering keys, rate limits, holds and duplicates that replace or debounce. */
export function orderAndPaceCases(storage: () => Storage): void {
  describe('ordering keys', () => {
    it('claims only the first job of each key, unordered jobs beside them', async () => {
      const [a1, a2, b1, free, a3] = await seed(storage(), [
        record({ orderingKey: 'a' }), record({ orderingKey: 'a' }), record({ orderingKey: 'b' }), record(), record({ orderingKey: 'a' }),
      ])
      expect(idsOf((await storage().claim(claimRequest())).claimed)).toEqual([a1, b1, free])
      expect((await storage().claim(claimRequest())).claimed).toEqual([])
      // The settle of a1 and the claim of a2 are one transaction.
      const { claimed } = await storage().claim(claimRequest({ now: T + 1 }), [change(a1!, (r) => complete(r, 1, T + 1))])
      expect(idsOf(claimed)).toEqual([a2])
      expect(a3).toBeDefined()
    })

    it('orders a key by insertion, never by priority; priority orders heads of different keys', async () => {
      const [a1, a2, b1] = await seed(storage(), [record({ orderingKey: 'a' }), record({ orderingKey: 'a', priority: 10 }), record({ orderingKey: 'b', priority: 5 })])
      expect(idsOf((await storage().claim(claimRequest())).claimed)).toEqual([b1, a1])
      expect(a2).toBeDefined()
    })

    it('holds the key while its job waits for a retry, so the order survives retries', async () => {
      const [a1, a2] = await seed(storage(), [record({ orderingKey: 'a', backoff: { type: 'fixed', delay: 100 } }), record({ orderingKey: 'a' })])
      const [first] = (await storage().claim(claimRequest({ limit: 1 }))).claimed
      const retry = await storage().claim(claimRequest({ now: T + 10 }), [change(a1!, (r) => fail(r, boom(T + 10), T + 10), first!.token)])
      expect(retry.claimed).toEqual([])
      expect(retry.nextRunAt).toBe(T + 110)
      expect(idsOf((await storage().claim(claimRequest({ now: T + 110 }))).claimed)).toEqual([a1])
      expect(a2).toBeDefined()
    })

    it('is blocked by a job that failed for good until it is retried or removed; a canceled job never blocks', async () => {
      const [a1, a2, a3, b1, b2] = await seed(storage(), [
        record({ orderingKey: 'a' }), record({ orderingKey: 'a' }), record({ orderingKey: 'a' }), record({ orderingKey: 'b' }), record({ orderingKey: 'b' }),
      ])
      const first = (await storage().claim(claimRequest({ limit: 1 }))).claimed[0]!
      expect(first.id).toBe(a1)
      await storage().claim(claimRequest({ limit: 0, now: T + 1 }), [change(a1!, (r) => fail(r, boom(T + 1), T + 1, true), first.token)])
      expect(await storage().blockedKeys()).toEqual([{ key: 'a', jobId: a1 }])
      // b1 is canceled while it waits: b2 goes on; a stays blocked.
      await storage().update([change(b1!, (r) => cancel(r, T + 2))])
      expect(idsOf((await storage().claim(claimRequest({ now: T + 2 }))).claimed)).toEqual([b2])
      // Retried, a1 runs again first; removed, it lets a2 go.
      await storage().update([change(a1!, (r) => rerun(r, T + 3))])
      expect(await storage().blockedKeys()).toEqual([])
      const again = (await storage().claim(claimRequest({ now: T + 3 }))).claimed
      expect(idsOf(again)).toEqual([a1])
      await storage().claim(claimRequest({ limit: 0, now: T + 4 }), [change(a1!, (r) => fail(r, boom(T + 4), T + 4, true), again[0]!.token)])
      expect(await storage().blockedKeys()).toEqual([{ key: 'a', jobId: a1 }])
      await storage().update([change(a1!, () => null)])
      expect(await storage().blockedKeys()).toEqual([])
      expect(idsOf((await storage().claim(claimRequest({ now: T + 5 }))).claimed)).toEqual([a2])
      expect(a3).toBeDefined()
    })

    it('never runs two jobs of a key at once, even when a canceled earlier job is retried', async () => {
      const [a1, a2] = await seed(storage(), [record({ orderingKey: 'a' }), record({ orderingKey: 'a' })])
      await storage().update([change(a1!, (r) => cancel(r, T))])
      expect(idsOf((await storage().claim(claimRequest())).claimed)).toEqual([a2])
      await storage().update([change(a1!, (r) => rerun(r, T + 1))])
      expect((await storage().claim(claimRequest({ now: T + 1 }))).claimed).toEqual([])
    })

    it('lets a key go on when retention removes the failed job that blocked it', async () => {
      const [a1, a2] = await seed(storage(), [record({ orderingKey: 'a' }), record({ orderingKey: 'a' })])
      const first = (await storage().claim(claimRequest({ limit: 1 }))).claimed[0]!
      await storage().update([change(a1!, (r) => fail(r, boom(T), T, true), first.token)])
      expect(await storage().removeSettled({ state: 'failed', keep: 0 })).toEqual([a1])
      expect(idsOf((await storage().claim(claimRequest({ now: T + 1 }))).claimed)).toEqual([a2])
    })
  })

  describe('rate limits and holds', () => {
    it('starts at most `max` jobs of a queue per `duration`, and says when the next may start', async () => {
      const ids = await seed(storage(), Array.from({ length: 5 }, () => record({ queue: 'api' })).concat(record({ queue: 'other' })))
      const rateLimits = { api: { max: 2, duration: 100 } }
      const first = await storage().claim(claimRequest({ rateLimits }))
      expect(idsOf(first.claimed)).toEqual([ids[0], ids[1], ids[5]])
      expect(first.nextRunAt).toBe(T + 100)
      const early = await storage().claim(claimRequest({ rateLimits, now: T + 99 }))
      expect(early.claimed).toEqual([])
      expect(early.nextRunAt).toBe(T + 100)
      expect(idsOf((await storage().claim(claimRequest({ rateLimits, now: T + 100, limit: 1 }))).claimed)).toEqual([ids[2]])
      // A sliding window: one start in the last 100 ms leaves room for one more, then the next is due 100 ms after the earlier.
      const next = await storage().claim(claimRequest({ rateLimits, now: T + 150 }))
      expect(idsOf(next.claimed)).toEqual([ids[3]])
      expect(next.nextRunAt).toBe(T + 200)
    })

    it('holds a queue until the stored time, for every claim', async () => {
      const [api, other] = await seed(storage(), [record({ queue: 'api' }), record({ queue: 'other' })])
      const held = await storage().claim(claimRequest({ holds: { api: T + 500 } }))
      expect(idsOf(held.claimed)).toEqual([other])
      expect(held.nextRunAt).toBe(T + 500)
      // Another claim that knows nothing of the hold still honours it.
      expect((await storage().claim(claimRequest({ now: T + 499 }))).claimed).toEqual([])
      expect(idsOf((await storage().claim(claimRequest({ now: T + 500 }))).claimed)).toEqual([api])
    })
  })

  describe('duplicates that replace or debounce', () => {
    const key = (onDuplicate: 'ignore' | 'replace' | 'debounce', scope: 'pending' | 'waiting' = 'pending') => ({ unique: { key: 'draft', scope, onDuplicate } })

    it('replace: the waiting job takes the new data and priority, keeping its runAt', async () => {
      const [first] = await storage().insert([entry({ ...key('replace'), delay: 100 }, { v: 1 })])
      const [dup] = await storage().insert([entry({ ...key('replace'), priority: 3 }, { v: 2 }, 'send', T + 10)])
      expect(dup).toMatchObject({ duplicate: 'unique', action: 'replaced', record: { id: first!.record.id, data: { v: 2 }, priority: 3, runAt: T + 100 } })
      expect(await storage().get(first!.record.id)).toMatchObject({ data: { v: 2 }, priority: 3, runAt: T + 100, state: 'delayed' })
    })

    it('debounce: the waiting job takes the new data and moves to the new runAt', async () => {
      const [first] = await storage().insert([entry({ ...key('debounce'), delay: 100 }, { v: 1 })])
      const [dup] = await storage().insert([entry({ ...key('debounce'), delay: 100 }, { v: 2 }, 'send', T + 60)])
      expect(dup).toMatchObject({ action: 'moved', record: { id: first!.record.id, data: { v: 2 }, runAt: T + 160 } })
      expect((await storage().claim(claimRequest({ now: T + 159 }))).claimed).toEqual([])
      expect(idsOf((await storage().claim(claimRequest({ now: T + 160 }))).claimed)).toEqual([first!.record.id])
    })

    it('never changes a started job; with scope waiting a duplicate of a running job is the one waiting job (keep-latest)', async () => {
      const [running] = await storage().insert([entry(key('replace', 'waiting'), { v: 1 })])
      await storage().claim(claimRequest())
      const [next] = await storage().insert([entry(key('replace', 'waiting'), { v: 2 })])
      expect(next!.duplicate).toBe(false)
      const [latest] = await storage().insert([entry(key('replace', 'waiting'), { v: 3 })])
      expect(latest).toMatchObject({ action: 'replaced', record: { id: next!.record.id, data: { v: 3 } } })
      expect(await storage().get(running!.record.id)).toMatchObject({ state: 'active', data: { v: 1 } })
      const [pending] = await storage().insert([entry(key('replace'), { v: 4 })])
      expect(pending).toMatchObject({ action: 'kept', record: { id: running!.record.id, data: { v: 1 } } })
    })

    it('replaces within one batch too, storing one job', async () => {
      const results = await storage().insert([entry(key('replace'), { v: 1 }), entry(key('replace'), { v: 2 }), entry(key('ignore'), { v: 3 })])
      expect(results.map((r) => [r.duplicate, r.action])).toEqual([[false, undefined], ['unique', 'replaced'], ['unique', 'kept']])
      expect(await storage().count(undefined, T)).toMatchObject({ waiting: 1 })
      expect(await storage().get(results[0]!.record.id)).toMatchObject({ data: { v: 2 } })
    })
  })
}
