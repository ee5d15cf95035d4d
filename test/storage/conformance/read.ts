import type { JobState, Storage, StorageQuery } from 'docket'
import { beforeEach, describe, expect, it } from 'vitest'
import { T, activeRecord, idsOf, record, seed, settledRecord } from '../records.js'

const page = (query: Partial<StorageQuery> = {}): StorageQuery => ({ limit: 100, offset: 0, order: 'asc', now: T, ...query })

/** get, list and count: reads by state (as users see it), queue and name, in insertion order. */
export function readCases(storage: () => Storage): void {
  describe('get', () => {
    it('returns the stored record, or undefined for an unknown id', async () => {
      const job = record({ queue: 'mail', priority: 3, timeout: 50 }, { to: 'a@b.c', tags: ['x'], at: new Date(T) })
      await seed(storage(), [job])
      expect(await storage().get(job.id)).toMatchObject({ ...job, data: { to: 'a@b.c', tags: ['x'], at: new Date(T) } })
      expect(await storage().get('nope')).toBeUndefined()
    })
  })

  describe('list and count', () => {
    // Insertion order: w1 (mail), d-due, w2 (report), d-future, a (mail), c, f, x.
    let id: Record<'w1' | 'dueDelayed' | 'w2' | 'futureDelayed' | 'a' | 'c' | 'f' | 'x', string>
    const later = T + 100

    beforeEach(async () => {
      const rows = [
        record({ queue: 'mail' }, {}, 'send'),
        record({ delay: 50 }, {}, 'send'),
        record({ queue: 'report' }, {}, 'build'),
        record({ delay: 5000 }, {}, 'build'),
        activeRecord(T, 1000, { queue: 'mail' }),
        settledRecord('completed', T + 1),
        settledRecord('failed', T + 2, { queue: 'report' }),
        settledRecord('canceled', T + 3),
      ]
      const [w1, dueDelayed, w2, futureDelayed, a, c, f, x] = await seed(storage(), rows)
      id = { w1: w1!, dueDelayed: dueDelayed!, w2: w2!, futureDelayed: futureDelayed!, a: a!, c: c!, f: f!, x: x! }
    })

    it('lists every job in insertion order, or in reverse', async () => {
      const all = [id.w1, id.dueDelayed, id.w2, id.futureDelayed, id.a, id.c, id.f, id.x]
      expect(idsOf(await storage().list(page({ now: later })))).toEqual(all)
      expect(idsOf(await storage().list(page({ now: later, order: 'desc' })))).toEqual([...all].reverse())
    })

    it('lists by one visible state: a due delayed job is waiting, a future one delayed', async () => {
      expect(idsOf(await storage().list(page({ now: later, states: ['waiting'] })))).toEqual([id.w1, id.dueDelayed, id.w2])
      expect(idsOf(await storage().list(page({ now: later, states: ['delayed'] })))).toEqual([id.futureDelayed])
      // Before its time the same job is delayed.
      expect(idsOf(await storage().list(page({ now: T, states: ['waiting'] })))).toEqual([id.w1, id.w2])
      expect(idsOf(await storage().list(page({ now: T, states: ['delayed'] })))).toEqual([id.dueDelayed, id.futureDelayed])
      expect(idsOf(await storage().list(page({ states: ['active'] })))).toEqual([id.a])
      expect(idsOf(await storage().list(page({ states: ['canceled'] })))).toEqual([id.x])
    })

    it('lists by several states, merged in insertion order either way', async () => {
      const states: JobState[] = ['failed', 'waiting', 'completed']
      expect(idsOf(await storage().list(page({ now: later, states })))).toEqual([id.w1, id.dueDelayed, id.w2, id.c, id.f])
      expect(idsOf(await storage().list(page({ now: later, states, order: 'desc' })))).toEqual([id.f, id.c, id.w2, id.dueDelayed, id.w1])
    })

    it('lists by queue, by name, and by both with states', async () => {
      expect(idsOf(await storage().list(page({ queue: 'mail' })))).toEqual([id.w1, id.a])
      expect(idsOf(await storage().list(page({ queue: 'report', order: 'desc' })))).toEqual([id.f, id.w2])
      expect(idsOf(await storage().list(page({ name: 'build' })))).toEqual([id.w2, id.futureDelayed])
      expect(idsOf(await storage().list(page({ queue: 'default', name: 'send', states: ['waiting', 'delayed'], now: later }))))
        .toEqual([id.dueDelayed])
      expect(await storage().list(page({ queue: 'nobody' }))).toEqual([])
    })

    it('pages with limit and offset after filtering and ordering', async () => {
      expect(idsOf(await storage().list(page({ limit: 3, offset: 2, now: later })))).toEqual([id.w2, id.futureDelayed, id.a])
      expect(idsOf(await storage().list(page({ limit: 2, offset: 1, order: 'desc', now: later })))).toEqual([id.f, id.c])
      expect(idsOf(await storage().list(page({ limit: 2, offset: 1, states: ['waiting', 'failed'], now: later })))).toEqual([id.dueDelayed, id.w2])
      expect(await storage().list(page({ limit: 5, offset: 8 }))).toEqual([])
      expect(await storage().list(page({ limit: 0 }))).toEqual([])
    })

    it('counts each visible state', async () => {
      expect(await storage().count(undefined, T)).toEqual({ blocked: 0, waiting: 2, delayed: 2, active: 1, completed: 1, failed: 1, canceled: 1 })
      expect(await storage().count(undefined, later)).toEqual({ blocked: 0, waiting: 3, delayed: 1, active: 1, completed: 1, failed: 1, canceled: 1 })
    })

    it('counts the states of one queue', async () => {
      expect(await storage().count('mail', later)).toEqual({ blocked: 0, waiting: 1, delayed: 0, active: 1, completed: 0, failed: 0, canceled: 0 })
      expect(await storage().count('default', later)).toEqual({ blocked: 0, waiting: 1, delayed: 1, active: 0, completed: 1, failed: 0, canceled: 1 })
      expect(await storage().count('nobody', later)).toEqual({ blocked: 0, waiting: 0, delayed: 0, active: 0, completed: 0, failed: 0, canceled: 0 })
    })
  })
}
