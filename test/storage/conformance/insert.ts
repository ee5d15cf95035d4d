import { ValidationError, type Storage } from 'docket'
import { describe, expect, it } from 'vitest'
import { claim, complete } from '../../../src/job/transitions.js'
import { T, change, claimRequest, entry, idsOf, nextToken, record } from '../records.js'

/** insert: all or none, ids and unique keys checked in the same call. */
export function insertCases(storage: () => Storage): void {
  describe('insert', () => {
    it('stores every record of a batch and gives each an increasing seq', async () => {
      const batch = [entry(), entry({ queue: 'mail' }), entry({ delay: 500 })]
      const results = await storage().insert(batch)
      expect(results.map((r) => r.duplicate)).toEqual([false, false, false])
      expect(idsOf(results.map((r) => r.record))).toEqual(idsOf(batch.map((e) => e.record)))
      const seqs = results.map((r) => r.record.seq!)
      expect(seqs[0]).toBeLessThan(seqs[1]!)
      expect(seqs[1]).toBeLessThan(seqs[2]!)
      for (const e of batch) expect(await storage().get(e.record.id)).toMatchObject(e.record)
    })

    it('stores nothing of a batch in which one record cannot be cloned', async () => {
      const good = entry()
      // newRecord() rejects such data up front; the storage must hold the line on its own too.
      const valid = entry()
      const bad = { ...valid, record: { ...valid.record, data: { n: 2, callback: () => 'not cloneable' } } }
      const after = entry()
      await expect(storage().insert([good, bad, after])).rejects.toBeInstanceOf(ValidationError)
      for (const e of [good, bad, after]) expect(await storage().get(e.record.id)).toBeUndefined()
      expect(await storage().list({ limit: 10, offset: 0, order: 'asc', now: T })).toEqual([])
      // The failed call leaves the storage usable.
      await storage().insert([good])
      expect(await storage().get(good.record.id)).toMatchObject({ id: good.record.id })
    })

    it('returns the existing job for a caller id that exists, and stores nothing new', async () => {
      const [first] = await storage().insert([entry({ id: 'order-1' }, { v: 1 })])
      const [again] = await storage().insert([entry({ id: 'order-1' }, { v: 2 })])
      expect(again).toMatchObject({ duplicate: 'id', record: { id: 'order-1', data: { v: 1 } } })
      expect(again!.record.seq).toBe(first!.record.seq)
      expect(await storage().list({ limit: 10, offset: 0, order: 'asc', now: T })).toHaveLength(1)
    })

    it('checks ids and unique keys against earlier records of the same batch', async () => {
      const results = await storage().insert([
        entry({ id: 'a' }, { v: 1 }),
        entry({ id: 'a' }, { v: 2 }),
        entry({ unique: { key: 'k' } }, { v: 3 }),
        entry({ unique: { key: 'k' } }, { v: 4 }),
      ])
      expect(results.map((r) => r.duplicate)).toEqual([false, 'id', false, 'unique'])
      expect(results[1]!.record).toMatchObject({ id: 'a', data: { v: 1 } })
      expect(results[3]!.record.data).toEqual({ v: 3 })
      expect(await storage().list({ limit: 10, offset: 0, order: 'asc', now: T })).toHaveLength(2)
    })

    it('scope pending: blocked by waiting, delayed and active jobs, not by settled ones', async () => {
      const unique = { key: 'sync', scope: 'pending' } as const
      const [first] = await storage().insert([entry({ unique })])
      expect(await storage().insert([entry({ unique })])).toMatchObject([{ duplicate: 'unique', record: { id: first!.record.id } }])
      const { claimed: [running] } = await storage().claim(claimRequest())
      expect(running!.id).toBe(first!.record.id)
      expect(await storage().insert([entry({ unique })])).toMatchObject([{ duplicate: 'unique', record: { state: 'active' } }])
      await storage().update([change(running!.id, (r) => complete(r, 'done', T + 10), running!.token)])
      const [next] = await storage().insert([entry({ unique })])
      expect(next!.duplicate).toBe(false)

      const delayedKey = { key: 'later', scope: 'pending' } as const
      await storage().insert([entry({ unique: delayedKey, delay: 1000 })])
      expect(await storage().insert([entry({ unique: delayedKey })])).toMatchObject([{ duplicate: 'unique', record: { state: 'delayed' } }])
    })

    it('scope waiting: blocked by waiting and delayed jobs, not by active ones', async () => {
      const unique = { key: 'refresh', scope: 'waiting' } as const
      const [delayed] = await storage().insert([entry({ unique, delay: 1000 })])
      expect(await storage().insert([entry({ unique })])).toMatchObject([{ duplicate: 'unique', record: { id: delayed!.record.id } }])
      await storage().update([change(delayed!.record.id, (r) => claim(r, T, 'owner-a', nextToken(), 1000))])
      const [next] = await storage().insert([entry({ unique })])
      expect(next!.duplicate).toBe(false)
      expect(await storage().insert([entry({ unique })])).toMatchObject([{ duplicate: 'unique', record: { id: next!.record.id } }])
    })

    it('scope window: blocked by any job of the same window, settled or not; a new window is free', async () => {
      const window = 60_000
      const start = Math.floor(T / window) * window
      const unique = { key: 'digest', scope: { window } } as const
      const done = complete(claim(record({ unique }, {}, 'send', start), start, 'o', nextToken(), 1000), 'ok', start + 5)
      await storage().insert([{ record: done, checkId: false }])
      const sameWindow = entry({ unique }, {}, 'send', start + window - 1)
      expect(await storage().insert([sameWindow])).toMatchObject([{ duplicate: 'unique', record: { id: done.id, state: 'completed' } }])
      const [nextWindow] = await storage().insert([entry({ unique }, {}, 'send', start + window)])
      expect(nextWindow!.duplicate).toBe(false)
    })
  })
}
