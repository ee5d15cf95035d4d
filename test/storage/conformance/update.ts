import type { JobRecord, Storage } from 'docket'
import { describe, expect, it } from 'vitest'
import { complete, renew, setProgress } from '../../../src/job/transitions.js'
import { T, activeRecord, change, record, seed } from '../records.js'

/** update: pure transitions applied in one call, in order, fenced by the job's token. */
export function updateCases(storage: () => Storage): void {
  describe('update', () => {
    it('applies a fenced update when the token matches and reports before and after', async () => {
      const job = activeRecord(T, 1000)
      await seed(storage(), [job])
      const [result] = await storage().update([change(job.id, (r) => setProgress(r, 40), job.token)])
      expect(result).toMatchObject({ id: job.id, before: { progress: 0 }, after: { progress: 40 } })
      expect(await storage().get(job.id)).toMatchObject({ progress: 40, state: 'active', token: job.token })
    })

    it('changes nothing when the token is not the stored one', async () => {
      const job = activeRecord(T, 1000)
      await seed(storage(), [job])
      const [result] = await storage().update([change(job.id, (r) => complete(r, 'late', T + 5), 'an-old-token')])
      expect(result!.id).toBe(job.id)
      expect(result!.after).toBeUndefined()
      expect(await storage().get(job.id)).toMatchObject({ state: 'active', token: job.token, progress: 0 })
    })

    it('applies an unfenced update to a job of any state', async () => {
      const job = record({ delay: 100 })
      await seed(storage(), [job])
      await storage().update([change(job.id, (r) => ({ ...r, data: { v: 2 } }))])
      expect(await storage().get(job.id)).toMatchObject({ state: 'delayed', data: { v: 2 } })
    })

    it('leaves the job as it is when the transition returns undefined, and skips unknown ids', async () => {
      const job = record()
      await seed(storage(), [job])
      const results = await storage().update([change(job.id, () => undefined), change('missing', (r) => r)])
      expect(results).toHaveLength(2)
      expect(results[0]!.after).toBeUndefined()
      expect(results[1]).toMatchObject({ id: 'missing' })
      expect(results[1]!.before).toBeUndefined()
      expect(results[1]!.after).toBeUndefined()
      expect(await storage().get(job.id)).toMatchObject(job)
      expect(await storage().get('missing')).toBeUndefined()
    })

    it('deletes the job and its logs when the transition returns null', async () => {
      const [gone, kept] = [record(), record()]
      await seed(storage(), [gone, kept])
      await storage().appendLogs([{ id: gone.id, at: T, row: 'a' }, { id: kept.id, at: T, row: 'b' }])
      const [result] = await storage().update([change(gone.id, () => null)])
      expect(result).toMatchObject({ id: gone.id, before: { id: gone.id }, after: null })
      expect(await storage().get(gone.id)).toBeUndefined()
      expect(await storage().getLogs(gone.id)).toEqual([])
      expect(await storage().getLogs(kept.id)).toEqual([{ at: T, row: 'b' }])
      expect(await storage().count(undefined, T)).toMatchObject({ waiting: 1 })
    })

    it('lets several updates of one job in one call see each other, fences included', async () => {
      const job = activeRecord(T, 1000)
      await seed(storage(), [job])
      const results = await storage().update([
        change(job.id, (r) => setProgress(r, 10), job.token),
        change(job.id, (r) => setProgress(r, (r.progress as number) + 5), job.token),
        change(job.id, (r) => renew(r, T + 10, 1000), job.token),
        change(job.id, (r) => complete(r, 'done', T + 20), job.token),
        // The completed job has no token any more, so a late write of the old owner is fenced.
        change(job.id, (r) => setProgress(r, 99), job.token),
      ])
      expect(results.map((r) => (r.after as { progress?: unknown } | undefined)?.progress)).toEqual([10, 15, 15, 15, undefined])
      expect(results[2]!.after).toMatchObject({ leaseUntil: T + 1010 })
      expect(results[4]!.before).toMatchObject({ state: 'completed' })
      const stored = await storage().get(job.id)
      expect(stored).toMatchObject({ state: 'completed', progress: 15, result: 'done', completedAt: T + 20 })
      expect(stored!.token).toBeUndefined()
    })

    it('reindexes a job whose state changed: lists and counts see the new state', async () => {
      const job = activeRecord(T, 1000)
      await seed(storage(), [job])
      await storage().update([change(job.id, (r) => complete(r, 1, T + 1), job.token)])
      expect(await storage().count(undefined, T)).toMatchObject({ active: 0, completed: 1 })
      const completed = await storage().list({ states: ['completed'], limit: 10, offset: 0, order: 'asc', now: T })
      expect(completed.map((r) => r.id)).toEqual([job.id])
    })

    it('finds the job by id whatever `seq` an update gives: its own, another job\'s, or one removed', async () => {
      const [a, b] = await storage().insert([{ record: record(), checkId: false }, { record: record(), checkId: false }])
      const gone = (await storage().insert([{ record: record(), checkId: false }]))[0]!
      await storage().update([change(gone.record.id, () => null)])
      const mark = (n: number) => (r: JobRecord) => ({ ...r, data: { n } })
      await storage().update([
        { id: a!.record.id, seq: a!.record.seq!, apply: mark(1) },
        { id: b!.record.id, seq: a!.record.seq!, apply: mark(2) },
        { id: a!.record.id, seq: gone.record.seq!, apply: mark(3) },
      ])
      expect((await storage().get(a!.record.id))?.data).toEqual({ n: 3 })
      expect((await storage().get(b!.record.id))?.data).toEqual({ n: 2 })
    })
  })
}
