// A database created by docket 0.1 (schema version 1: jobs, logs, meta) opens in this release
// (version 3 adds `schedules`, version 4 the index `dependsOn` of flows, version 5 the counters
// and one index fewer) with every job, log row and pause kept, counted, and schedules and flows
// work on it.
import { createQueue, indexedDBStorage } from 'docket'
import { expect, it } from 'vitest'
import { idbFactory, uniqueName, type IdbEnv } from '../support/env'

/** Creates the database exactly as 0.1's `upgrade` did, and writes rows as 0.1 did. */
function createBy01(env: IdbEnv, name: string, now: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = env.indexedDB.open(name, 1)
    open.onupgradeneeded = () => {
      const db = open.result
      const jobs = db.createObjectStore('jobs', { keyPath: 'seq', autoIncrement: true })
      jobs.createIndex('id', 'id', { unique: true })
      jobs.createIndex('ready', ['state', 'rank', 'runAt', 'seq'])
      jobs.createIndex('timeline', ['state', 'timeKey'])
      jobs.createIndex('state', ['state', 'seq'])
      jobs.createIndex('queue', ['queue', 'state', 'seq'])
      jobs.createIndex('unique', 'uniqueKey')
      db.createObjectStore('logs', { autoIncrement: true }).createIndex('id', 'id')
      db.createObjectStore('meta')
      open.transaction!.objectStore('meta').put({ version: 1 }, 'schema')
    }
    open.onsuccess = () => {
      const tx = open.result.transaction(['jobs', 'logs', 'meta'], 'readwrite')
      const job = (id: string, state: string, extra: object) => ({
        id, name: 'double', queue: 'default', data: { n: 21 }, state, priority: 0, rank: 0, progress: 0, errors: [],
        attempts: 0, maxAttempts: 1, backoff: { type: 'exponential', delay: 1000, jitter: 0 }, requiresNetwork: false,
        createdAt: now - 60_000, runAt: now - 60_000, timeKey: now - 60_000, ...extra,
      })
      tx.objectStore('jobs').add(job('waiting-01', 'waiting', {}))
      tx.objectStore('jobs').add(job('done-01', 'completed', { attempts: 1, result: 42, startedAt: now - 50_000, settledAt: now - 40_000, completedAt: now - 40_000, timeKey: now - 40_000 }))
      tx.objectStore('jobs').add(job('mail-01', 'waiting', { queue: 'mail' }))
      tx.objectStore('logs').add({ id: 'done-01', at: now - 45_000, row: 'half way' })
      tx.objectStore('meta').put({ all: false, queues: ['mail'] }, 'paused')
      tx.oncomplete = () => (open.result.close(), resolve())
      tx.onerror = () => reject(tx.error)
    }
    open.onerror = () => reject(open.error)
  })
}

it('upgrades a database of 0.1 step by step, keeping every job, log row and pause', async () => {
  const env = await idbFactory()
  const name = uniqueName('from-v1')
  const now = Date.now()
  await createBy01(env, name, now)

  const queue = createQueue({ handlers: { double: (data: { n: number }) => data.n * 2 }, storage: indexedDBStorage({ name, ...env }) })
  // Version 5 counted the jobs 0.1 stored: counts() reads those counters, per queue too.
  expect(await queue.counts()).toMatchObject({ waiting: 2, completed: 1, active: 0 })
  expect(await queue.counts({ queue: 'mail' })).toMatchObject({ waiting: 1, completed: 0 })
  expect(await (await queue.get('done-01'))!.getLogs()).toEqual([{ at: now - 45_000, row: 'half way' }])
  expect(await queue.isPaused('mail')).toBe(true)
  expect(await (await queue.get('waiting-01'))!.waitForResult()).toBe(42)
  // The store of version 3 is there.
  await queue.upsertScheduler('tick', { every: 60_000 }, { name: 'double', data: { n: 1 } })
  expect((await queue.getSchedulers()).map((schedule) => schedule.id)).toEqual(['tick'])
  // The index of version 4 is there: a flow's dependent is released through it.
  const flow = await queue.addFlow([{ ref: 'a', name: 'double', data: { n: 1 } }, { ref: 'b', name: 'double', data: { n: 2 }, dependsOn: ['a'] }])
  expect(await flow.b.waitForResult()).toBe(4)
  expect(await queue.counts()).toMatchObject({ blocked: 0 })
  expect(await queue.get('waiting-01')).toMatchObject({ state: 'completed', data: { n: 21 } })
  await queue.close()

  const { version, indexes } = await new Promise<{ version: number; indexes: string[] }>((resolve, reject) => {
    const open = env.indexedDB.open(name)
    open.onsuccess = () => {
      const db = open.result
      resolve({ version: db.version, indexes: [...db.transaction('jobs').objectStore('jobs').indexNames] })
      db.close()
    }
    open.onerror = () => reject(open.error)
  })
  expect(version).toBe(5)
  // `ready` was replaced by `runnable` in the claim (version 2) and dropped in version 5.
  expect(indexes).not.toContain('ready')
  expect(indexes).toContain('runnable')
})
