import type { JobRecord, Storage } from 'docket'
import { describe, expect, it } from 'vitest'
import { planFlow } from '../../../src/flows/plan-flow.js'
import { cancel, claim, complete, fail, rerun } from '../../../src/job/transitions.js'
import { T, change, claimRequest, idsOf, nextToken } from '../records.js'

let flows = 0

/** Inserts a flow as `queue.addFlow` would; returns its records by ref. */
export async function insertFlow(storage: Storage, steps: Array<{ ref: string; dependsOn?: string[]; options?: object }>): Promise<Record<string, JobRecord>> {
  const flow = ++flows
  let n = 0
  const { refs, entries } = planFlow(steps.map((step) => ({ name: 'send', data: { ref: step.ref }, ...step })), {}, () => `flow-${flow}-${++n}`, T)
  const results = await storage.insert(entries)
  return Object.fromEntries(refs.map((ref, i) => [ref, results[i]!.record]))
}

export const error = { name: 'Error', message: 'boom', attempt: 1, at: T + 2 }
/** The writes that run a job to its end: claimed, then settled by `end`. */
export const finish = (id: string, end: (record: JobRecord) => JobRecord) => change(id, (record) => end(claim(record, T + 1, 'owner-x', nextToken(), 1000)))
export const completes = (id: string, result: unknown) => finish(id, (record) => complete(record, result, T + 2))
export const failsForGood = (id: string) => finish(id, (record) => fail(record, error, T + 2, true))

/** Flows: the storage releases, fails and blocks again dependents in the transaction of their prerequisite's write. */
export function flowCases(storage: () => Storage): void {
  describe('flows', () => {
    it('stores dependents blocked, counted and listed as blocked', async () => {
      const jobs = await insertFlow(storage(), [{ ref: 'a' }, { ref: 'b', dependsOn: ['a'] }])
      expect(jobs.b).toMatchObject({ state: 'blocked', dependsOn: [jobs.a!.id], awaiting: [jobs.a!.id] })
      expect(await storage().count(undefined, T)).toMatchObject({ blocked: 1, waiting: 1 })
      expect(idsOf(await storage().list({ states: ['blocked'], limit: 10, offset: 0, order: 'asc', now: T }))).toEqual([jobs.b!.id])
      // A claim takes the prerequisite only.
      expect(idsOf((await storage().claim(claimRequest())).claimed)).toEqual([jobs.a!.id])
    })

    it('releases a diamond in the writes that complete the last prerequisite, with their results by ref', async () => {
      const jobs = await insertFlow(storage(), [{ ref: 'a' }, { ref: 'b', dependsOn: ['a'] }, { ref: 'c', dependsOn: ['a'] }, { ref: 'd', dependsOn: ['b', 'c'] }])
      const [done] = await storage().update([completes(jobs.a!.id, 'A')])
      expect(done!.cascaded?.map((c) => [c.id, c.after && c.after.state])).toEqual([[jobs.b!.id, 'waiting'], [jobs.c!.id, 'waiting']])
      await storage().update([completes(jobs.b!.id, 'B')])
      expect(await storage().get(jobs.d!.id)).toMatchObject({ state: 'blocked', awaiting: [jobs.c!.id], dependencies: { b: 'B' } })
      // The last prerequisite settles in a claim (a group commit): the same claim takes the dependent.
      const result = await storage().claim(claimRequest(), [completes(jobs.c!.id, 'C')])
      expect(idsOf(result.claimed)).toEqual([jobs.d!.id])
      expect(result.claimed[0]).toMatchObject({ state: 'active', dependencies: { b: 'B', c: 'C' } })
      expect(result.updated[0]!.cascaded?.map((c) => c.id)).toEqual([jobs.d!.id])
    })

    it('releases a fan-in of 100 prerequisites in the transaction of the last one only', async () => {
      const refs = Array.from({ length: 100 }, (_, i) => `p${i}`)
      const jobs = await insertFlow(storage(), [...refs.map((ref) => ({ ref })), { ref: 'all', dependsOn: refs }])
      const results = await storage().update(refs.slice(0, 99).map((ref, i) => completes(jobs[ref]!.id, i)))
      expect(results.flatMap((r) => r.cascaded ?? []).every((c) => c.after && c.after.state === 'blocked')).toBe(true)
      expect(await storage().get(jobs.all!.id)).toMatchObject({ state: 'blocked', awaiting: [jobs.p99!.id] })
      const [last] = await storage().update([completes(jobs.p99!.id, 99)])
      expect(last!.cascaded).toHaveLength(1)
      const released = await storage().get(jobs.all!.id)
      expect(released).toMatchObject({ state: 'waiting', awaiting: [] })
      expect(Object.keys(released!.dependencies!)).toHaveLength(100)
      expect(released!.dependencies!.p42).toBe(42)
    })

    it('fails dependents down three levels with DependencyFailedError, and a rerun blocks them again', async () => {
      const jobs = await insertFlow(storage(), [{ ref: 'a' }, { ref: 'b', dependsOn: ['a'] }, { ref: 'c', dependsOn: ['b'] }, { ref: 'd', dependsOn: ['c'] }])
      const [failed] = await storage().update([failsForGood(jobs.a!.id)])
      expect(failed!.cascaded?.map((c) => [c.id, c.after && c.after.state])).toEqual([[jobs.b!.id, 'failed'], [jobs.c!.id, 'failed'], [jobs.d!.id, 'failed']])
      expect(await storage().get(jobs.d!.id)).toMatchObject({ state: 'failed', error: { name: 'DependencyFailedError', message: `Prerequisite "c" (job ${jobs.c!.id}) failed` } })
      expect(await storage().count(undefined, T)).toMatchObject({ failed: 4, blocked: 0 })

      const [again] = await storage().update([change(jobs.a!.id, (record) => rerun(record, T + 3))])
      expect(again!.cascaded?.map((c) => c.after && c.after.state)).toEqual(['blocked', 'blocked', 'blocked'])
      expect(await storage().count(undefined, T + 3)).toMatchObject({ waiting: 1, blocked: 3, failed: 0 })
      await storage().update([completes(jobs.a!.id, 'A')])
      expect(await storage().get(jobs.b!.id)).toMatchObject({ state: 'waiting', dependencies: { a: 'A' } })
    })

    it("lets a dependent with onDependencyFailure 'continue' run without the failed prerequisite", async () => {
      const jobs = await insertFlow(storage(), [{ ref: 'a' }, { ref: 'b' }, { ref: 'c', dependsOn: ['a', 'b'], options: { onDependencyFailure: 'continue' } }])
      await storage().update([completes(jobs.a!.id, 'A'), change(jobs.b!.id, (record) => cancel(record, T + 1))])
      expect(await storage().get(jobs.c!.id)).toMatchObject({ state: 'waiting', awaiting: [], dependencies: { a: 'A' } })
    })

    it('takes the removal of an unfinished prerequisite for a cancel, down the chain; a removed dependent is no more found', async () => {
      const jobs = await insertFlow(storage(), [{ ref: 'a' }, { ref: 'b', dependsOn: ['a'] }, { ref: 'c', dependsOn: ['b'] }])
      const [removed] = await storage().update([change(jobs.b!.id, () => null)])
      expect(removed!.cascaded?.map((c) => c.id)).toEqual([jobs.c!.id])
      expect(await storage().get(jobs.c!.id)).toMatchObject({ state: 'failed', error: { message: `Prerequisite "b" (job ${jobs.b!.id}) was removed` } })
      const [done] = await storage().update([completes(jobs.a!.id, 'A')])
      expect(done!.cascaded).toBeUndefined()
    })

    it('leaves jobs without dependents alone: nothing cascades from them', async () => {
      const jobs = await insertFlow(storage(), [{ ref: 'solo' }])
      const [done] = await storage().update([completes(jobs.solo!.id, 1)])
      expect(done!.cascaded).toBeUndefined()
    })
  })
}
