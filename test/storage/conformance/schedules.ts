import { ValidationError, type ScheduleRecord, type Storage } from 'docket'
import { describe, expect, it } from 'vitest'
import { claim } from '../../../src/job/transitions.js'
import { T, entry, nextToken } from '../records.js'

/** A stored schedule as the queue writes it. */
function schedule(id: string, fields: Partial<ScheduleRecord> = {}): ScheduleRecord {
  return { id, spec: { every: 1000, catchUp: 'one' }, template: { name: 'send', data: { n: 1 } }, nextRunAt: T, count: 0, createdAt: T, updatedAt: T, ...fields }
}

/** getSchedules and writeSchedule: the row and its slot's jobs in one transaction, decided on the stored row. */
export function scheduleCases(storage: () => Storage): void {
  describe('schedules', () => {
    it('creates, changes and deletes a row, each write seeing the row as stored', async () => {
      expect(await storage().getSchedules()).toEqual([])
      const created = await storage().writeSchedule({ id: 'b', apply: (current) => (expect(current).toBeUndefined(), { schedule: schedule('b') }) })
      expect(created).toEqual({ after: schedule('b'), inserted: [] })
      await storage().writeSchedule({ id: 'a', apply: () => ({ schedule: schedule('a') }) })
      expect((await storage().getSchedules()).map((row) => row.id)).toEqual(['a', 'b'])

      const seen: Array<ScheduleRecord | undefined> = []
      const changed = await storage().writeSchedule({ id: 'b', apply: (current) => (seen.push(current), { schedule: { ...current!, count: 1 } }) })
      expect(seen).toEqual([schedule('b')])
      expect(changed).toMatchObject({ before: schedule('b'), after: { count: 1 } })

      const unchanged = await storage().writeSchedule({ id: 'b', apply: () => undefined })
      expect(unchanged).toEqual({ before: schedule('b', { count: 1 }), inserted: [] })

      expect(await storage().writeSchedule({ id: 'b', apply: () => ({ schedule: null }) })).toMatchObject({ after: null })
      expect((await storage().getSchedules()).map((row) => row.id)).toEqual(['a'])
    })

    it('inserts the jobs of a write with the row, checking their ids', async () => {
      const slotJob = entry({ id: 'schedule:a:1' })
      const first = await storage().writeSchedule({ id: 'a', apply: () => ({ schedule: schedule('a', { count: 1, lastJobId: 'schedule:a:1' }), jobs: [slotJob] }) })
      expect(first.inserted).toMatchObject([{ duplicate: false, record: { id: 'schedule:a:1' } }])
      expect(await storage().get('schedule:a:1')).toMatchObject({ id: 'schedule:a:1', state: 'waiting' })
      // The same slot's job again is the stored one, not a second job.
      const again = await storage().writeSchedule({ id: 'a', apply: (current) => ({ schedule: current!, jobs: [entry({ id: 'schedule:a:1' })] }) })
      expect(again.inserted).toMatchObject([{ duplicate: 'id' }])
    })

    it('gives the write the job of the last slot, as stored', async () => {
      const job = entry({ id: 'schedule:a:1' })
      await storage().writeSchedule({ id: 'a', apply: () => ({ schedule: schedule('a', { lastJobId: job.record.id }), jobs: [job] }) })
      await storage().update([{ id: job.record.id, apply: (record) => claim(record, T, 'owner-a', nextToken(), 1000) }])
      let lastState: string | undefined
      await storage().writeSchedule({ id: 'a', apply: (_current, lastJob) => ((lastState = lastJob?.state), undefined) })
      expect(lastState).toBe('active')
      await storage().update([{ id: job.record.id, apply: () => null }])
      await storage().writeSchedule({ id: 'a', apply: (_current, lastJob) => ((lastState = lastJob?.state ?? 'none'), undefined) })
      expect(lastState).toBe('none')
    })

    it('stores neither the row nor any job when one job cannot be stored', async () => {
      const valid = entry()
      const bad = { ...valid, record: { ...valid.record, data: { callback: () => 'not cloneable' } } }
      const good = entry()
      const write = storage().writeSchedule({ id: 'a', apply: () => ({ schedule: schedule('a', { count: 2 }), jobs: [good, bad] }) })
      await expect(write).rejects.toBeInstanceOf(ValidationError)
      expect(await storage().getSchedules()).toEqual([])
      expect(await storage().get(good.record.id)).toBeUndefined()
    })

    it('serialises writes that race: each sees the row the one before it stored', async () => {
      await storage().writeSchedule({ id: 'a', apply: () => ({ schedule: schedule('a') }) })
      const slots = Array.from({ length: 10 }, () => storage().writeSchedule({
        id: 'a',
        apply: (current) => ({ schedule: { ...current!, count: current!.count + 1 }, jobs: [entry({ id: `schedule:a:${current!.count}` })] }),
      }))
      const results = await Promise.all(slots)
      expect(results.map((result) => (result.after as ScheduleRecord).count).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
      expect(results.flatMap((result) => result.inserted).filter((inserted) => !inserted.duplicate)).toHaveLength(10)
    })

    it('returns copies: changing a row read or written changes nothing stored', async () => {
      const row = schedule('a')
      await storage().writeSchedule({ id: 'a', apply: () => ({ schedule: row }) })
      row.count = 99
      const [read] = await storage().getSchedules()
      read!.count = 98
      expect((await storage().getSchedules())[0]!.count).toBe(0)
    })
  })
}
