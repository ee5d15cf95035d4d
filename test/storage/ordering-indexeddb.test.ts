// Ordering keys on IndexedDB: the claim reads heads only (a key's followers are not in its
// candidate index), and claims from several connections at once keep each key one at a time
// and in order. Node: fake-indexeddb; browsers: their own IndexedDB.
import { indexedDBStorage, type JobRecord, type Storage } from 'docket'
import { afterEach, expect, it } from 'vitest'
import { complete } from '../../src/job/transitions.js'
import { idbFactory, uniqueName, type IdbEnv } from '../support/env'
import { T, change, claimRequest, idsOf, record, seed } from './records.js'

const open: Storage[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((storage) => storage.close()))
})

function storageOn(env: IdbEnv, name: string): Storage {
  const storage = indexedDBStorage({ name, ...env })
  open.push(storage)
  return storage
}

/** How many rows the claim's candidate index holds, read straight from the database. */
function runnableRows(env: IdbEnv, name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = env.indexedDB.open(name)
    request.onsuccess = () => {
      const count = request.result.transaction('jobs').objectStore('jobs').index('runnable').count()
      count.onsuccess = () => (request.result.close(), resolve(count.result))
      count.onerror = () => reject(count.error)
    }
    request.onerror = () => reject(request.error)
  })
}

it('puts one row per key before the claim, however many jobs wait in it', async () => {
  const env = await idbFactory()
  const name = uniqueName('heads')
  const storage = storageOn(env, name)
  const [head] = await seed(storage, Array.from({ length: 2000 }, () => record({ orderingKey: 'big' })))
  const [other] = await seed(storage, [record({ orderingKey: 'small' })])
  expect(await runnableRows(env, name)).toBe(2)
  const { claimed } = await storage.claim(claimRequest({ limit: 10 }))
  expect(idsOf(claimed)).toEqual([head, other])
  // Both heads run: nothing of either key is a candidate until they settle.
  expect(await runnableRows(env, name)).toBe(0)
  await storage.claim(claimRequest({ limit: 0 }), [change(head!, (r) => complete(r, 1, T), claimed[0]!.token)])
  expect(await runnableRows(env, name)).toBe(1)
})

it('keeps every key one at a time and in insertion order under claims from three connections at once', async () => {
  const env = await idbFactory()
  const name = uniqueName('order-tabs')
  const tabs = [storageOn(env, name), storageOn(env, name), storageOn(env, name)]
  const keys = ['a', 'b', 'c']
  const ids = await seed(tabs[0]!, Array.from({ length: 90 }, (_, i) => record({ orderingKey: keys[i % 3], priority: i % 4 })))
  const expected = keys.map((_key, k) => ids.filter((_, i) => i % 3 === k))
  const started: JobRecord[] = []
  const running = new Map<string, JobRecord>()
  let settles: Array<{ tab: number; job: JobRecord }> = []
  for (let round = 0; started.length < 90 && round < 500; round++) {
    // Each tab settles what it ran last round and claims in the same transaction, all at once.
    const results = await Promise.all(tabs.map((tab, t) => tab.claim(
      claimRequest({ owner: `tab-${t}`, limit: 2, now: T + round }),
      settles.filter((s) => s.tab === t).map(({ job }) => change(job.id, (r) => complete(r, 1, T + round), job.token)),
    )))
    for (const { job } of settles) running.delete(job.orderingKey!)
    settles = []
    results.forEach((result, t) => {
      for (const job of result.claimed) {
        expect(running.has(job.orderingKey!)).toBe(false)
        running.set(job.orderingKey!, job)
        started.push(job)
        settles.push({ tab: t, job })
      }
    })
  }
  expect(started).toHaveLength(90)
  keys.forEach((key, k) => expect(idsOf(started.filter((job) => job.orderingKey === key))).toEqual(expected[k]))
})
