import type { Storage } from 'docket'
import { describe, expect, it } from 'vitest'
import { claimAhead } from '../../../src/job/transitions.js'
import { T, activeRecord, claimRequest, idsOf, nextToken, record, seed, settledRecord } from '../records.js'
import { expectCountsExact } from './counters.js'
import { insertFlow } from './flows.js'

/** `clear` (bounded transactions of `queue.clear()`) and `ttl` (expiry found by the claim). */
export function clearAndExpiryCases(storage: () => Storage): void {
  const all = async (): Promise<string[]> => idsOf(await storage().list({ limit: 1000, offset: 0, order: 'asc', now: T }))

  describe('clear', () => {
    it('removes waiting and delayed jobs, up to `limit` a call, and leaves the rest', async () => {
      const kept = [activeRecord(T, 1000), settledRecord('completed', T), claimAhead(record(), T, 'owner-x', nextToken(), 1000)]
      const gone = [record(), record({ delay: 50 }), record({ priority: 3 }), record({ orderingKey: 'k' }), record({ orderingKey: 'k' })]
      await seed(storage(), [...gone, ...kept])
      await storage().appendLogs([{ id: gone[0]!.id, at: T, row: 'log' }])
      const first = await storage().clear({ delayed: true, limit: 3, now: T })
      expect(first).toHaveLength(3)
      expect(first.every((result) => result.after === null && result.before)).toBe(true)
      await expectCountsExact(storage(), T, 'after a first clear')
      const second = await storage().clear({ delayed: true, limit: 3, now: T })
      expect(new Set(idsOf([...first, ...second]))).toEqual(new Set(idsOf(gone)))
      expect(new Set(await all())).toEqual(new Set(idsOf(kept)))
      expect(await storage().getLogs(gone[0]!.id)).toEqual([])
      await expectCountsExact(storage(), T, 'after clear')
    })

    it('keeps delayed jobs not yet due with `delayed: false`, and clears one named queue', async () => {
      const [due, later, other, otherDelayed] = [record({ delay: 10 }), record({ delay: 500 }), record({ queue: 'b' }), record({ queue: 'b', delay: 10 })]
      const waiting = record()
      await seed(storage(), [due!, later!, other!, otherDelayed!, waiting])
      const removed = await storage().clear({ queue: 'default', delayed: false, limit: 100, now: T + 20 })
      expect(new Set(idsOf(removed))).toEqual(new Set([waiting.id, due!.id]))
      expect(new Set(await all())).toEqual(new Set([later!.id, other!.id, otherDelayed!.id]))
      expect(idsOf(await storage().clear({ queue: 'b', delayed: true, limit: 100, now: T }))).toEqual(expect.arrayContaining([other!.id, otherDelayed!.id]))
      await expectCountsExact(storage(), T + 20, 'after clear of queues')
    })

    it('fails the blocked dependents of a removed prerequisite, in the same transaction', async () => {
      const jobs = await insertFlow(storage(), [{ ref: 'a' }, { ref: 'b', dependsOn: ['a'] }])
      const [result] = await storage().clear({ delayed: true, limit: 10, now: T })
      expect(result).toMatchObject({ id: jobs.a!.id, after: null, cascaded: [{ id: jobs.b!.id, after: { state: 'failed', error: { name: 'DependencyFailedError' } } }] })
      expect(await storage().get(jobs.b!.id)).toMatchObject({ state: 'failed' })
      await expectCountsExact(storage(), T, 'after clear of a flow')
    })

    it('lets the next job of an ordering key run after its head is cleared with its queue', async () => {
      const head = record({ orderingKey: 'k', queue: 'a' })
      const next = record({ orderingKey: 'k', queue: 'b' })
      await seed(storage(), [head, next])
      await storage().clear({ queue: 'a', delayed: true, limit: 10, now: T })
      expect(idsOf((await storage().claim(claimRequest())).claimed)).toEqual([next.id])
    })
  })

  describe('expiry (ttl)', () => {
    it('fails a candidate past its expiresAt with ExpiredError instead of claiming it', async () => {
      const [late, fresh] = [record({ ttl: 100, priority: 5 }), record({ ttl: 10_000 })]
      await seed(storage(), [late!, fresh!])
      const result = await storage().claim(claimRequest({ now: T + 100, limit: 5 }))
      expect(idsOf(result.claimed)).toEqual([fresh!.id])
      expect(result.expired).toEqual([expect.objectContaining({ id: late!.id, after: expect.objectContaining({ state: 'failed', attempts: 0, error: expect.objectContaining({ name: 'ExpiredError' }) }) })])
      expect(await storage().get(late!.id)).toMatchObject({ state: 'failed', error: { name: 'ExpiredError' } })
      await expectCountsExact(storage(), T + 100, 'after expiry')
    })

    it('claims a job until its expiry, and fails a due delayed one past it', async () => {
      const [soon, delayed] = [record({ ttl: 100 }), record({ ttl: 100, delay: 50 })]
      await seed(storage(), [soon!, delayed!])
      expect(idsOf((await storage().claim(claimRequest({ now: T + 99, limit: 1 }))).claimed)).toEqual([soon!.id])
      const result = await storage().claim(claimRequest({ now: T + 150 }))
      expect(result.claimed).toEqual([])
      expect(idsOf(result.expired ?? [])).toEqual([delayed!.id])
    })

    it('cascades an expiry to the dependents of the expired job', async () => {
      const jobs = await insertFlow(storage(), [{ ref: 'a', options: { ttl: 10 } }, { ref: 'b', dependsOn: ['a'] }])
      const result = await storage().claim(claimRequest({ now: T + 10 }))
      expect(result.expired?.[0]).toMatchObject({ id: jobs.a!.id, cascaded: [{ id: jobs.b!.id, after: { state: 'failed' } }] })
      await expectCountsExact(storage(), T + 10, 'after a cascaded expiry')
    })
  })
}
