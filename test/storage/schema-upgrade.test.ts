// A database written at schema version 1 (docket 0.1) opens at the current version with every job kept:
// each state, its logs and the pause; waiting jobs are claimed in the order 0.1 would have
// claimed them; and ordering keys work on it at once. Node: fake-indexeddb; browsers: their own.
import { indexedDBStorage } from 'docket'
import { expect, it } from 'vitest'
import { SCHEMA_VERSION } from '../../src/storage/indexeddb/schema.js'
import { idbFactory, uniqueName, type IdbEnv } from '../support/env'
import { T, claimRequest, entry, idsOf } from './records.js'
import { writeVersion1 } from './version-1-database.js'

/** A row of the given state exactly as 0.1's `toRow` stored it. */
function row01(id: string, state: string, priority = 0, at = T - 1000) {
  const settled = state === 'completed' || state === 'failed' || state === 'canceled'
  return {
    id, name: 'send', queue: 'default', data: { id }, state, priority, rank: -priority, progress: 0, errors: [],
    attempts: state === 'waiting' || state === 'delayed' ? 0 : 1, maxAttempts: 3, backoff: { type: 'exponential', delay: 1000, jitter: 0 },
    requiresNetwork: false, createdAt: at, runAt: state === 'delayed' ? T + 5000 : at,
    ...(state === 'active' ? { startedAt: at, owner: 'old', token: 'old', leaseUntil: T + 60_000 } : {}),
    ...(settled ? { settledAt: at, [`${state}At`]: at } : {}),
    timeKey: state === 'delayed' ? T + 5000 : state === 'active' ? T + 60_000 : at,
  }
}

function versionOf(idb: IdbEnv, name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = idb.indexedDB.open(name)
    open.onsuccess = () => {
      const version = open.result.version
      open.result.close()
      resolve(version)
    }
    open.onerror = () => reject(open.error)
  })
}

it('opens a version-1 database at the current version with every job kept, and claims as before', async () => {
  const idb = await idbFactory()
  const name = uniqueName('schema-v1')
  const states = ['waiting', 'delayed', 'active', 'completed', 'failed', 'canceled']
  await writeVersion1(idb, name, [...states.map((state) => row01(state, state)), row01('urgent', 'waiting', 5), row01('later', 'waiting', 0, T - 500)])

  const storage = indexedDBStorage({ name, ...idb })
  for (const state of states) expect(await storage.get(state)).toMatchObject({ id: state, state, data: { id: state } })
  expect(await versionOf(idb, name)).toBe(SCHEMA_VERSION)
  expect(await storage.count(undefined, T)).toEqual({ blocked: 0, waiting: 3, delayed: 1, active: 1, completed: 1, failed: 1, canceled: 1 })
  expect(idsOf(await storage.list({ limit: 50, offset: 0, order: 'asc', now: T }))).toEqual([...states, 'urgent', 'later'])
  // Waiting rows of version 1 are claim candidates, by priority then runAt.
  expect(idsOf((await storage.claim(claimRequest({ limit: 2 }))).claimed)).toEqual(['urgent', 'waiting'])
  expect(idsOf((await storage.claim(claimRequest())).claimed)).toEqual(['later'])
  expect(idsOf((await storage.claim(claimRequest({ now: T + 5000 }))).claimed)).toEqual(['delayed'])

  // Ordering keys on the upgraded database.
  const [a1, a2] = await storage.insert([entry({ orderingKey: 'a' }), entry({ orderingKey: 'a' })])
  expect(idsOf((await storage.claim(claimRequest())).claimed)).toEqual([a1!.record.id])
  expect(a2).toBeDefined()
  await storage.close()
})
