import type { Storage } from 'docket'
import { describe, expect, it } from 'vitest'
import { complete, rerun } from '../../../src/job/transitions.js'
import { T, change, claimRequest, entry, idsOf } from '../records.js'
import { failsForGood, insertFlow } from './flows.js'

/** Features used together, as apps combine them: each case a defect found that way (issue 30). */
export function combinedCases(storage: () => Storage): void {
  describe('features together', () => {
    it('claims a flow step of an ordering key that its failed prerequisite failed, once it is retried', async () => {
      const jobs = await insertFlow(storage(), [{ ref: 'a' }, { ref: 'b', dependsOn: ['a'], options: { orderingKey: 'k' } }])
      const [failed] = await storage().update([failsForGood(jobs.a!.id)])
      expect(failed!.cascaded?.map((c) => c.after && c.after.state)).toEqual(['failed'])
      expect(await storage().blockedKeys()).toEqual([{ key: 'k', jobId: jobs.b!.id }])
      await storage().update([change(jobs.b!.id, (record) => rerun(record, T + 3))])
      // Before the one writer per transaction, the retried head had no mark and stayed waiting for good.
      const { claimed } = await storage().claim(claimRequest({ now: T + 4 }))
      expect(idsOf(claimed)).toEqual([jobs.b!.id])
      expect(await storage().blockedKeys()).toEqual([])
    })

    it('starts the waiting version of a keep-latest unique key only once its running one settled', async () => {
      const unique = { key: 'draft-1', scope: 'waiting', onDuplicate: 'replace' } as const
      const [first] = await storage().insert([entry({ unique }, { v: 1 })])
      const [running] = (await storage().claim(claimRequest({ limit: 1 }))).claimed
      expect(running!.id).toBe(first!.record.id)
      const [second] = await storage().insert([entry({ unique }, { v: 2 })])
      expect(second!.duplicate).toBe(false)
      // Free slots, and the newer save waits: it must not run beside the older, nor finish before it.
      expect((await storage().claim(claimRequest({ now: T + 1 }))).claimed).toEqual([])
      const done = change(running!.id, (record) => complete(record, 'saved', T + 2), running!.token)
      const { claimed } = await storage().claim(claimRequest({ now: T + 2 }), [done])
      expect(idsOf(claimed)).toEqual([second!.record.id])
      expect(claimed[0]!.data).toEqual({ v: 2 })
    })

    it('shows records without the fields kept only to index them', async () => {
      await insertFlow(storage(), [{ ref: 'a', options: { orderingKey: 'k2' } }])
      const [listed] = await storage().list({ limit: 1, offset: 0, order: 'asc', now: T })
      const { claimed } = await storage().claim(claimRequest())
      for (const record of [listed, await storage().get(listed!.id), claimed[0]]) {
        for (const field of ['keyHead', 'keyHold', 'keyActive', 'keyBlocked', 'runnable', 'timeKey']) expect(record).not.toHaveProperty(field)
      }
    })
  })
}
