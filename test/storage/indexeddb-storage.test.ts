import { StorageError, indexedDBStorage, type Storage } from 'docket'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { idbFactory, uniqueName, type IdbEnv } from '../support/env'
import { setProgress } from '../../src/job/transitions.js'
import { testStorage } from './conformance.js'
import { quotaFactory } from './quota-factory.js'
import { T, activeRecord, change, claimRequest, entry, idsOf, record, seed } from './records.js'

// Node: fake-indexeddb; Chromium: its real IndexedDB.
const databases: Array<{ env: IdbEnv; name: string }> = []
const open: Storage[] = []

function storageOn(env: IdbEnv, name: string, indexedDB = env.indexedDB): Storage {
  if (!databases.some((d) => d.name === name)) databases.push({ env, name })
  const storage = indexedDBStorage({ name, indexedDB, IDBKeyRange: env.IDBKeyRange })
  open.push(storage)
  return storage
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()))
})

afterAll(async () => {
  await Promise.all(databases.map(({ env, name }) => new Promise((resolve, reject) => {
    const request = env.indexedDB.deleteDatabase(name)
    request.onsuccess = resolve
    request.onerror = () => reject(request.error)
  })))
})

testStorage('indexedDBStorage', async () => storageOn(await idbFactory(), uniqueName('conformance')))

describe('indexedDBStorage on one database', () => {
  it('keeps jobs, logs and pause for a new instance on the same name (a reload)', async () => {
    const env = await idbFactory()
    const name = uniqueName('reload')
    const before = storageOn(env, name)
    const [waiting, delayed, running] = await seed(before, [record({ priority: 1 }), record({ delay: 500 }), record()])
    const { claimed } = await before.claim(claimRequest({ limit: 1 }))
    expect(idsOf(claimed)).toEqual([waiting])
    await before.appendLogs([{ id: waiting!, at: T, row: 'step 1' }])
    await before.setPaused('mail', true)
    await before.close()

    const after = storageOn(env, name)
    expect(await after.get(waiting!)).toMatchObject({ state: 'active', token: claimed[0]!.token })
    expect(await after.getLogs(waiting!)).toEqual([{ at: T, row: 'step 1' }])
    expect(await after.getPaused()).toEqual({ all: false, queues: ['mail'] })
    expect(await after.count(undefined, T)).toMatchObject({ waiting: 1, delayed: 1, active: 1 })
    const [later] = await after.insert([entry()])
    expect(later!.record.seq).toBeGreaterThan((await after.get(delayed!))!.seq!)
    expect(idsOf((await after.claim(claimRequest({ now: T + 500 }))).claimed)).toEqual([running, later!.record.id, delayed])
  })

  it('rejects calls on a closed instance with StorageError', async () => {
    const storage = storageOn(await idbFactory(), uniqueName('closed'))
    await seed(storage, [record()])
    await storage.close()
    await expect(storage.get('x')).rejects.toBeInstanceOf(StorageError)
    await expect(storage.insert([entry()])).rejects.toBeInstanceOf(StorageError)
  })

  it('never gives one job to two instances claiming at once', async () => {
    const env = await idbFactory()
    const name = uniqueName('tabs')
    const tabs = [storageOn(env, name), storageOn(env, name)]
    const ids = await seed(tabs[0]!, Array.from({ length: 50 }, (_, i) => record({ priority: i % 4 })))
    // Open the second connection before the race so that both really overlap.
    expect(await tabs[1]!.count(undefined, T)).toMatchObject({ waiting: 50 })
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) =>
      tabs[i % 2]!.claim(claimRequest({ owner: `tab-${i % 2}`, limit: 5 }))))
    const claimed = results.flatMap((r) => idsOf(r.claimed))
    expect(claimed).toHaveLength(50)
    expect(new Set(claimed)).toEqual(new Set(ids))
    expect(results.every((r) => r.claimed.length <= 5)).toBe(true)
    for (const [i, r] of results.entries()) {
      for (const job of r.claimed) expect(await tabs[1 - (i % 2)]!.get(job.id)).toMatchObject({ owner: `tab-${i % 2}`, token: job.token })
    }
  })
})

describe('indexedDBStorage when quota runs out', () => {
  const room = 10_000
  const huge = { blob: 'x'.repeat(room) }

  async function fullDisk(): Promise<Storage> {
    const env = await idbFactory()
    return storageOn(env, uniqueName('quota'), quotaFactory(env.indexedDB, room))
  }

  it('rejects an insert with StorageError caused by QuotaExceededError, storing nothing', async () => {
    const storage = await fullDisk()
    const batch = [entry(), entry({ queue: 'mail' }), entry({}, huge)]
    const error: unknown = await storage.insert(batch).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StorageError)
    expect((error as Error).message).toMatch(/adding jobs/)
    expect((error as Error).cause).toMatchObject({ name: 'QuotaExceededError' })
    for (const e of batch) expect(await storage.get(e.record.id)).toBeUndefined()
    expect(await storage.count(undefined, T)).toMatchObject({ waiting: 0 })
    // Jobs that fit are stored afterwards.
    await storage.insert([batch[0]!])
    expect(await storage.get(batch[0]!.record.id)).toMatchObject({ state: 'waiting' })
    // The counters committed with that insert only: the aborted one left them as they were.
    expect(await storage.count(undefined, T)).toMatchObject({ waiting: 1 })
  })

  it('rejects an update that does not fit and keeps the job as it was', async () => {
    const storage = await fullDisk()
    const job = activeRecord(T, 1000)
    await seed(storage, [job])
    const write = storage.update([change(job.id, (r) => setProgress(r, huge), job.token)])
    await expect(write).rejects.toBeInstanceOf(StorageError)
    expect(await storage.get(job.id)).toMatchObject({ state: 'active', progress: 0, token: job.token })
  })

  it('fails a claim whose settles do not fit as a whole: nothing settled, nothing claimed', async () => {
    const storage = await fullDisk()
    const job = activeRecord(T, 1000)
    const [next] = await seed(storage, [job, record({ delay: 10 })]).then((ids) => ids.slice(1))
    const claim = storage.claim(claimRequest({ now: T + 20 }), [change(job.id, (r) => setProgress(r, huge), job.token)])
    const error: unknown = await claim.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StorageError)
    expect((error as Error).cause).toMatchObject({ name: 'QuotaExceededError' })
    expect(await storage.get(job.id)).toMatchObject({ progress: 0 })
    expect(await storage.get(next!)).toMatchObject({ state: 'delayed' })
  })
})
