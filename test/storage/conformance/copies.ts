import type { JobRecord, Storage } from 'docket'
import { describe, expect, it } from 'vitest'
import { complete, setProgress } from '../../../src/job/transitions.js'
import { T, activeRecord, change, claimRequest, entry, record, seed } from '../records.js'

type Nested = { n: number; nested: { list: number[] } }

/** Data with a nested object and array, so that a deep change is a change a shallow copy would miss. */
const data = (): Nested => ({ n: 1, nested: { list: [1] } })

/** Changes a record at every depth: its own fields, its data, and the data's nested parts. */
function scribble(job: JobRecord): void {
  job.state = 'canceled'
  job.priority = 99
  job.errors.push({ name: 'Error', message: 'scribbled', attempt: 9, at: T })
  const nested = job.data as Nested
  nested.n = -1
  nested.nested.list.push(666)
}

/**
 * Records go in and come out as copies, as IndexedDB's structured clones are: changing a
 * record after passing it to a storage, or anything a storage returned, changes nothing stored.
 */
export function copiesCases(storage: () => Storage): void {
  describe('copies', () => {
    const stored = (id: string): Promise<JobRecord | undefined> => storage().get(id)

    it('insert: neither the records passed nor the results returned are the stored jobs', async () => {
      const passed = entry({ id: 'copy-1' }, data())
      const [result] = await storage().insert([passed])
      const original = await stored('copy-1')
      expect(original).toMatchObject({ id: 'copy-1', state: 'waiting', priority: 0, data: data(), errors: [] })
      scribble(passed.record)
      scribble(result!.record)
      expect(await stored('copy-1')).toEqual(original)

      const [duplicate] = await storage().insert([entry({ id: 'copy-1' }, data())])
      expect(duplicate!.duplicate).toBe('id')
      scribble(duplicate!.record)
      expect(await stored('copy-1')).toEqual(original)
    })

    it('get and list: what they return is not the stored job', async () => {
      const job = activeRecord(T, 100, {})
      await seed(storage(), [{ ...job, data: data() }])
      const original = await stored(job.id)
      scribble((await storage().get(job.id))!)
      scribble((await storage().list({ limit: 10, offset: 0, order: 'asc', now: T }))[0]!)
      expect(await stored(job.id)).toEqual(original)
      expect(await storage().count(undefined, T)).toMatchObject({ active: 1, canceled: 0 })
    })

    it('update: the record given to apply, the one apply returns, and before and after are not stored', async () => {
      const job = { ...activeRecord(T, 1000), data: data() }
      await seed(storage(), [job])
      // A transition that changes what it was given and leaves the job: nothing may change.
      await storage().update([change(job.id, (given) => void scribble(given), job.token)])
      const original = await stored(job.id)
      expect(original).toMatchObject({ state: 'active', priority: 0, data: data() })

      let returned: JobRecord | undefined
      const [result] = await storage().update([change(job.id, (given) => (returned = setProgress(given, 50)), job.token)])
      const progressed = await stored(job.id)
      expect(progressed).toMatchObject({ state: 'active', progress: 50, data: data() })
      scribble(returned!)
      scribble(result!.before!)
      scribble(result!.after!)
      expect(await stored(job.id)).toEqual(progressed)
    })

    it('claim: the claimed jobs and the updates it reports are not stored', async () => {
      const running = { ...activeRecord(T, 1000), data: data() }
      const [waiting] = await seed(storage(), [running, record({}, data())]).then((ids) => ids.slice(1))
      const { claimed, updated } = await storage().claim(claimRequest({ now: T + 10 }), [change(running.id, (given) => complete(given, { ok: [1] }, T + 10), running.token)])
      expect(claimed.map((job) => job.id)).toEqual([waiting])
      const [claimedCopy, settledCopy] = [await stored(waiting!), await stored(running.id)]
      expect(settledCopy).toMatchObject({ state: 'completed', result: { ok: [1] } })
      scribble(claimed[0]!)
      scribble(updated[0]!.before!)
      scribble(updated[0]!.after!)
      ;(updated[0]!.after!.result as { ok: number[] }).ok.push(2)
      expect(await stored(waiting!)).toEqual(claimedCopy)
      expect(await stored(running.id)).toEqual(settledCopy)
    })

    it('logs: rows passed and rows returned are not the stored rows', async () => {
      const [id] = await seed(storage(), [record()])
      const row = { step: 1, tags: ['a'] }
      await storage().appendLogs([{ id: id!, at: T, row }])
      const claimRow = { step: 2, tags: ['b'] }
      await storage().claim(claimRequest({ limit: 0 }), [], [{ id: id!, at: T + 1, row: claimRow }])
      row.tags.push('changed after append')
      claimRow.tags.push('changed after claim')
      const logs = await storage().getLogs(id!)
      expect(logs).toEqual([{ at: T, row: { step: 1, tags: ['a'] } }, { at: T + 1, row: { step: 2, tags: ['b'] } }])
      logs[0]!.at = 0
      ;(logs[0]!.row as { tags: string[] }).tags.push('changed after getLogs')
      logs.pop()
      expect(await storage().getLogs(id!)).toEqual([{ at: T, row: { step: 1, tags: ['a'] } }, { at: T + 1, row: { step: 2, tags: ['b'] } }])
    })

    it('getPaused and count: what they return is not the stored state', async () => {
      await seed(storage(), [record()])
      await storage().setPaused('mail', true)
      const pause = await storage().getPaused()
      pause.all = true
      pause.queues.push('report')
      expect(await storage().getPaused()).toEqual({ all: false, queues: ['mail'] })
      const counts = await storage().count(undefined, T)
      counts.waiting = 42
      expect(await storage().count(undefined, T)).toMatchObject({ waiting: 1 })
    })
  })
}
