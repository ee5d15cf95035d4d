import type { Storage } from 'docket'
import { describe, expect, it } from 'vitest'
import { complete } from '../../../src/job/transitions.js'
import { T, activeRecord, change, claimRequest, idsOf, record, seed } from '../records.js'

/** claim: the one atomic primitive that takes due jobs. */
export function claimCases(storage: () => Storage): void {
  describe('claim', () => {
    it('marks the claimed job active under a lease with the fresh token', async () => {
      const [id] = await seed(storage(), [record()])
      const { claimed, updated } = await storage().claim(claimRequest({ owner: 'tab-1', leaseMs: 300, token: () => 'fresh' }))
      expect(updated).toEqual([])
      expect(claimed).toHaveLength(1)
      const expected = { id, state: 'active', attempts: 1, startedAt: T, owner: 'tab-1', token: 'fresh', leaseUntil: T + 300 }
      expect(claimed[0]).toMatchObject(expected)
      expect(await storage().get(id!)).toMatchObject(expected)
      expect((await storage().claim(claimRequest())).claimed).toEqual([])
    })

    it('takes higher priority first, then earlier runAt, then insertion order', async () => {
      const ids = await seed(storage(), [
        record({ priority: 0, runAt: T - 10 }),
        record({ priority: 5, runAt: T - 10 }),
        record({ priority: 5, runAt: T - 50 }),
        record({ priority: 5, runAt: T - 10 }),
        record({ priority: -1, runAt: T - 90 }),
        record({ priority: 10, delay: 100 }),
      ])
      const [low, b, c, d, lowest, delayedTop] = ids
      const { claimed } = await storage().claim(claimRequest({ now: T + 200 }))
      expect(idsOf(claimed)).toEqual([delayedTop, c, b, d, low, lowest])
    })

    it('takes at most `limit` jobs per call, the next call goes on in order', async () => {
      const ids = await seed(storage(), [record(), record({ priority: 1 }), record(), record({ priority: 2 }), record()])
      const [a, b, c, d, e] = ids
      const take = async () => idsOf((await storage().claim(claimRequest({ limit: 2 }))).claimed)
      expect(await take()).toEqual([d, b])
      expect(await take()).toEqual([a, c])
      expect(await take()).toEqual([e])
      expect(await take()).toEqual([])
    })

    it('keeps claim order exact beyond one page of waiting jobs, for jobs this very claim makes due or settles', async () => {
      // More waiting jobs than a claim reads in one page, all at priority 0 and runAt T; the
      // first page is all of a paused queue, so the claim must read on past it.
      await seed(storage(), Array.from({ length: 20 }, () => record({ queue: 'held' })))
      await storage().setPaused('held', true)
      const backlog = await seed(storage(), Array.from({ length: 20 }, () => record()))
      const [urgent, late] = await seed(storage(), [record({ priority: 5, delay: 10 }), record({ delay: 10 })])
      const running = activeRecord(T, 1000)
      await seed(storage(), [running])
      // The running job fails at T + 20 and retries at once (runAt T + 20): it ranks after the backlog.
      const retryNow = change(running.id, (r) => ({ ...r, state: 'waiting', runAt: T + 20, owner: undefined, token: undefined, leaseUntil: undefined }), running.token)
      const order: string[] = []
      const first = await storage().claim(claimRequest({ now: T + 20, limit: 2 }), [retryNow])
      order.push(...idsOf(first.claimed))
      expect(first.more).toBe(true)
      for (let i = 0; i < 20; i++) order.push(...idsOf((await storage().claim(claimRequest({ now: T + 20, limit: 2 }))).claimed))
      // Priority first; then runAt (the backlog at T, the promoted job at T + 10, the retry at T + 20).
      expect(order).toEqual([urgent, ...backlog, late, running.id])
    })

    it('appends log rows in the same call, in order, dropping rows of jobs that do not exist', async () => {
      const job = activeRecord(T, 1000)
      await seed(storage(), [job])
      const rows = [{ id: job.id, at: T + 1, row: 'one' }, { id: 'gone', at: T + 2, row: 'lost' }, { id: job.id, at: T + 3, row: { n: 2 } }]
      await storage().claim(claimRequest({ now: T + 5, limit: 0 }), [], rows)
      expect(await storage().getLogs(job.id)).toEqual([{ at: T + 1, row: 'one' }, { at: T + 3, row: { n: 2 } }])
      expect(await storage().getLogs('gone')).toEqual([])
    })

    it('promotes due delayed jobs, leaves future ones and reports the next runAt', async () => {
      const [soon, later, ready] = await seed(storage(), [record({ delay: 500 }), record({ delay: 1000 }), record()])
      const first = await storage().claim(claimRequest({ now: T }))
      expect(idsOf(first.claimed)).toEqual([ready])
      expect(first.nextRunAt).toBe(T + 500)
      expect(await storage().get(soon!)).toMatchObject({ state: 'delayed' })

      const second = await storage().claim(claimRequest({ now: T + 600 }))
      expect(idsOf(second.claimed)).toEqual([soon])
      expect(second.nextRunAt).toBe(T + 1000)

      const third = await storage().claim(claimRequest({ now: T + 1000 }))
      expect(idsOf(third.claimed)).toEqual([later])
      expect(third).not.toHaveProperty('nextRunAt')
    })

    it('makes due delayed jobs waiting even when it may claim none', async () => {
      const [due] = await seed(storage(), [record({ delay: 10 })])
      const { claimed } = await storage().claim(claimRequest({ now: T + 20, limit: 0 }))
      expect(claimed).toEqual([])
      expect(await storage().get(due!)).toMatchObject({ state: 'waiting' })
    })

    it('skips every queue while all are paused, and a paused queue while others run', async () => {
      const [mail, report] = await seed(storage(), [record({ queue: 'mail', priority: 9 }), record({ queue: 'report' })])
      await storage().setPaused(undefined, true)
      expect((await storage().claim(claimRequest())).claimed).toEqual([])
      await storage().setPaused(undefined, false)
      await storage().setPaused('mail', true)
      expect(idsOf((await storage().claim(claimRequest())).claimed)).toEqual([report])
      await storage().setPaused('mail', false)
      expect(idsOf((await storage().claim(claimRequest())).claimed)).toEqual([mail])
    })

    it('counts a queue limit against active jobs already stored, from any owner', async () => {
      await seed(storage(), [activeRecord(T, 1000, { queue: 'mail' })])
      const [m1, m2, m3, other] = await seed(storage(), [
        record({ queue: 'mail', priority: 1 }), record({ queue: 'mail', priority: 1 }), record({ queue: 'mail', priority: 1 }), record(),
      ])
      const first = await storage().claim(claimRequest({ queueLimits: { mail: 2 } }))
      expect(idsOf(first.claimed)).toEqual([m1, other])
      expect((await storage().claim(claimRequest({ queueLimits: { mail: 2 } }))).claimed).toEqual([])
      expect(idsOf((await storage().claim(claimRequest({ queueLimits: { mail: 3 } }))).claimed)).toEqual([m2])
      expect(idsOf((await storage().claim(claimRequest())).claimed)).toEqual([m3])
    })

    it('skips jobs that require the network while offline', async () => {
      const [online, anywhere] = await seed(storage(), [record({ requiresNetwork: true, priority: 1 }), record()])
      expect(idsOf((await storage().claim(claimRequest({ online: false }))).claimed)).toEqual([anywhere])
      expect(await storage().get(online!)).toMatchObject({ state: 'waiting' })
      expect(idsOf((await storage().claim(claimRequest({ online: true }))).claimed)).toEqual([online])
    })

    it('applies the updates first, in the same call: a settle frees its queue slot', async () => {
      const running = activeRecord(T, 1000, { queue: 'mail' })
      const [next] = await seed(storage(), [running, record({ queue: 'mail' })]).then((ids) => ids.slice(1))
      const { claimed, updated } = await storage().claim(
        claimRequest({ now: T + 50, queueLimits: { mail: 1 } }),
        [change(running.id, (r) => complete(r, 'ok', T + 50), running.token), change(running.id, (r) => r, 'stale')],
      )
      expect(updated).toHaveLength(2)
      expect(updated[0]).toMatchObject({ id: running.id, after: { state: 'completed', result: 'ok' } })
      expect(updated[1]!.after).toBeUndefined()
      expect(idsOf(claimed)).toEqual([next])
      expect(await storage().get(running.id)).toMatchObject({ state: 'completed' })
    })

    it('claims each job exactly once under 10 concurrent claims', async () => {
      const ids = await seed(storage(), Array.from({ length: 50 }, (_, i) => record({ priority: i % 3 })))
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) =>
        storage().claim(claimRequest({ owner: `owner-${i}`, limit: 6 }))))
      const claimed = results.flatMap((r, i) => r.claimed.map((job) => ({ id: job.id, owner: `owner-${i}`, token: job.token })))
      expect(claimed).toHaveLength(50)
      expect(new Set(claimed.map((c) => c.id))).toEqual(new Set(ids))
      for (const c of claimed) expect(await storage().get(c.id)).toMatchObject({ state: 'active', owner: c.owner, token: c.token, attempts: 1 })
    })
  })
}
