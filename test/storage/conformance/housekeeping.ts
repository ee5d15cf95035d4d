import type { Storage } from 'docket'
import { describe, expect, it } from 'vitest'
import { T, activeRecord, idsOf, record, seed, settledRecord } from '../records.js'

/** retention, logs, pause and close. */
export function housekeepingCases(storage: () => Storage): void {
  describe('removeSettled', () => {
    // Four completed jobs settled at T+1..T+4 (inserted out of order), and one of every other state.
    async function seedSettled(): Promise<{ done: string[]; others: string[] }> {
      const order = [3, 1, 4, 2]
      const settled = order.map((k) => settledRecord('completed', T + k))
      const others = [record(), record({ delay: 50 }), activeRecord(T, 1000), settledRecord('failed', T), settledRecord('canceled', T)]
      await seed(storage(), [...settled, ...others])
      const done = [1, 2, 3, 4].map((k) => settled[order.indexOf(k)]!.id)
      await storage().appendLogs(done.map((id) => ({ id, at: T, row: `log of ${id}` })))
      return { done, others: idsOf(others) }
    }

    async function remaining(): Promise<string[]> {
      return idsOf(await storage().list({ limit: 100, offset: 0, order: 'asc', now: T }))
    }

    it('removes jobs settled before `before`, with their logs, and no other state', async () => {
      const { done, others } = await seedSettled()
      const removed = await storage().removeSettled({ state: 'completed', before: T + 3 })
      expect(removed).toEqual([done[0], done[1]])
      expect(new Set(await remaining())).toEqual(new Set([done[2], done[3], ...others]))
      expect(await storage().getLogs(done[0]!)).toEqual([])
      expect(await storage().getLogs(done[2]!)).toEqual([{ at: T, row: `log of ${done[2]}` }])
    })

    it('keeps the newest `keep`: the oldest settled go first', async () => {
      const { done, others } = await seedSettled()
      expect(await storage().removeSettled({ state: 'completed', keep: 1 })).toEqual(done.slice(0, 3))
      expect(new Set(await remaining())).toEqual(new Set([done[3], ...others]))
      expect(await storage().removeSettled({ state: 'completed', keep: 1 })).toEqual([])
      expect(await storage().removeSettled({ state: 'completed', keep: 0 })).toEqual([done[3]])
    })

    it('removes those matching either `keep` or `before`', async () => {
      const { done } = await seedSettled()
      expect(await storage().removeSettled({ state: 'completed', keep: 3, before: T + 3 })).toEqual(done.slice(0, 2))
      expect(await storage().removeSettled({ state: 'completed', keep: 1, before: T + 1 })).toEqual([done[2]])
    })

    it('removes at most `limit`, oldest first', async () => {
      const { done } = await seedSettled()
      expect(await storage().removeSettled({ state: 'completed', before: T + 10, limit: 3 })).toEqual(done.slice(0, 3))
      expect(await storage().removeSettled({ state: 'completed', keep: 0, limit: 3 })).toEqual([done[3]])
    })

    it('removes only the state asked for', async () => {
      const { done, others } = await seedSettled()
      const failed = others[3]!
      expect(await storage().removeSettled({ state: 'failed', keep: 0 })).toEqual([failed])
      expect(await storage().removeSettled({ state: 'canceled', before: T })).toEqual([])
      expect(new Set(await remaining())).toEqual(new Set([...done, ...others.filter((id) => id !== failed)]))
    })
  })

  describe('logs', () => {
    it('keeps the rows of each job in the order appended, across calls', async () => {
      const [a, b] = await seed(storage(), [record(), record()])
      await storage().appendLogs([{ id: a!, at: T, row: 'first' }, { id: b!, at: T, row: { step: 1 } }])
      await storage().appendLogs([{ id: a!, at: T + 1, row: { n: 2, tags: ['x'] } }])
      await storage().appendLogs([{ id: a!, at: T + 1, row: 'third' }])
      expect(await storage().getLogs(a!)).toEqual([
        { at: T, row: 'first' }, { at: T + 1, row: { n: 2, tags: ['x'] } }, { at: T + 1, row: 'third' },
      ])
      expect(await storage().getLogs(b!)).toEqual([{ at: T, row: { step: 1 } }])
      expect(await storage().getLogs('unknown')).toEqual([])
    })

    it('drops rows for a job that is gone, so that no orphan rows outlive it', async () => {
      const [kept, gone] = await seed(storage(), [record({ id: 'kept' }), record({ id: 'gone' })])
      await storage().update([{ id: gone!, apply: () => null }])
      await storage().appendLogs([{ id: gone!, at: T, row: 'late' }, { id: kept!, at: T, row: 'ok' }])
      expect(await storage().getLogs(gone!)).toEqual([])
      // A new job that reuses the id starts with no rows.
      await seed(storage(), [record({ id: 'gone' })])
      expect(await storage().getLogs(gone!)).toEqual([])
      expect(await storage().getLogs(kept!)).toEqual([{ at: T, row: 'ok' }])
    })
  })

  describe('pause', () => {
    it('stores pause of every queue and of single queues', async () => {
      expect(await storage().getPaused()).toEqual({ all: false, queues: [] })
      await storage().setPaused('mail', true)
      await storage().setPaused('report', true)
      await storage().setPaused('mail', true)
      expect(await storage().getPaused()).toEqual({ all: false, queues: ['report', 'mail'] })
      await storage().setPaused('report', false)
      expect(await storage().getPaused()).toEqual({ all: false, queues: ['mail'] })
      await storage().setPaused(undefined, true)
      expect(await storage().getPaused()).toEqual({ all: true, queues: ['mail'] })
    })

    it('resuming every queue clears the pause of single queues too', async () => {
      await storage().setPaused('mail', true)
      await storage().setPaused(undefined, true)
      await storage().setPaused(undefined, false)
      expect(await storage().getPaused()).toEqual({ all: false, queues: [] })
    })
  })

  describe('close', () => {
    it('resolves, also when called twice', async () => {
      await seed(storage(), [record()])
      await expect(storage().close()).resolves.toBeUndefined()
      await expect(storage().close()).resolves.toBeUndefined()
    })
  })
}
