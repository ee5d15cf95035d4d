// What WebKit's IndexedDB is known for, checked in each engine: `durability` it does not
// implement, Blobs it long refused to store, and transactions that end as soon as a task
// leaves them with no request. (The fourth, a connection lost with the network process, is
// test/e2e/storage/connection-lost.webkit.e2e.test.ts.)
import { createQueue, indexedDBStorage } from 'docket'
import { describe, expect, it } from 'vitest'
import { uniqueName } from '../support/env'
import { jobs, type Jobs } from '../support/jobs'
import { queueFixture } from '../support/queue-fixture'
import { runners } from '../support/runner-option'
import { testDatabase } from '../support/test-database'

describe('durability', () => {
  // WebKit has no `durability` (the option is ignored there): every value must work everywhere.
  it.each(['default', 'strict', 'relaxed'] as const)('stores, runs and reads back jobs with durability %s', async (durability) => {
    const queue = createQueue<Jobs>({ handlers: jobs, storage: indexedDBStorage({ name: uniqueName(`durability-${durability}`), durability }) })
    try {
      const errors: unknown[] = []
      queue.on('error', ({ error }) => errors.push(error))
      const added = await queue.addBulk([{ name: 'double', data: { n: 1 } }, { name: 'double', data: { n: 2 } }])
      expect(await Promise.all(added.map((job) => job.waitForResult()))).toEqual([2, 4])
      expect((await queue.get(added[1]!.id))).toMatchObject({ state: 'completed', result: 4 })
      expect(errors).toEqual([])
    } finally {
      await queue.close()
    }
  })
})

/** Whether this engine's IndexedDB stores a Blob: WebKit's private (ephemeral) sessions do not, MiniBrowser's under WebDriver among them. */
async function storesBlobs(): Promise<boolean> {
  const name = uniqueName('blob-probe')
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name, 1)
    open.onupgradeneeded = () => open.result.createObjectStore('s')
    open.onsuccess = () => resolve(open.result)
    open.onerror = () => reject(open.error)
  })
  try {
    return await new Promise<boolean>((resolve) => {
      const tx = db.transaction('s', 'readwrite')
      tx.objectStore('s').put(new Blob(['probe']), 1)
      tx.oncomplete = () => resolve(true)
      tx.onabort = () => resolve(false)
    })
  } finally {
    db.close()
    indexedDB.deleteDatabase(name)
  }
}

const blobs = await storesBlobs()

describe.each(runners)(`Blobs, which this engine's IndexedDB ${blobs ? 'stores' : 'refuses'} (%s runner)`, (runner) => {
  const fixture = queueFixture(runner)

  it.runIf(blobs)('keeps a Blob and a File in job data and a Blob as result, stored and read back', async () => {
    const queue = await fixture.open()
    const first = await queue.add('upperBlob', { file: new Blob(['hello'], { type: 'text/plain' }) })
    const second = await queue.add('upperBlob', { file: new File(['world'], 'note.txt', { type: 'text/plain' }) })

    const result = await first.waitForResult()
    expect(result).toBeInstanceOf(Blob)
    expect(await result.text()).toBe('HELLO')
    expect(await (await second.waitForResult()).text()).toBe('WORLD')
    // From IndexedDB, not from memory: a fresh read of each record.
    const stored = (await queue.get(first.id))!
    const file = (stored.data as { file: Blob }).file
    expect(file).toBeInstanceOf(Blob)
    expect(await file.text()).toBe('hello')
    expect(file.type).toBe('text/plain')
    expect(await (stored.result as Blob).text()).toBe('HELLO')
    const storedFile = ((await queue.get(second.id))!.data as { file: File }).file
    expect(storedFile).toBeInstanceOf(File)
    expect(storedFile.name).toBe('note.txt')
    expect(await storedFile.text()).toBe('world')
  })

  it.runIf(!blobs)('rejects an add with Blob data as StorageError and stores nothing of it', async () => {
    const queue = await fixture.open({ autostart: false })
    const adding = queue.addBulk([{ name: 'double', data: { n: 1 } }, { name: 'upperBlob', data: { file: new Blob(['hello']) } }])
    await expect(adding).rejects.toMatchObject({ name: 'StorageError', message: expect.stringContaining('Blob') })
    expect(await queue.counts()).toMatchObject({ waiting: 0, delayed: 0 })
  })

  it.runIf(!blobs)('fails a job whose result is a Blob with StorageError, for good, while the jobs beside it complete', async () => {
    const queue = await fixture.open({ concurrency: 4 })
    const before = await queue.add('double', { n: 1 })
    const blob = await queue.add('upperBlob', { file: 'hello' })
    const after = await queue.add('double', { n: 2 })

    expect(await before.waitForResult()).toBe(2)
    expect(await after.waitForResult()).toBe(4)
    await expect(blob.waitForResult()).rejects.toMatchObject({ cause: { name: 'StorageError', message: expect.stringContaining('Blob') } })
    expect(await queue.get(blob.id)).toMatchObject({ state: 'failed', attempts: 1 })
  })
})

describe('transaction lifetime', () => {
  const tabsFixture = queueFixture('inline')
  // Each add checks its unique keys and inserts in one transaction, awaiting IndexedDB requests
  // in between. Were the transaction to end at one of those awaits (WebKit commits one that a
  // task leaves without a request), two tabs could both insert a key that neither had seen.
  it('keeps unique keys unique when two queues on one database add the same 300 keys at once', async () => {
    const db = await testDatabase()
    const tabs = [await tabsFixture.open({ autostart: false }, { db }), await tabsFixture.open({ autostart: false }, { db })]
    const entries = Array.from({ length: 300 }, (_, n) => ({ name: 'double' as const, data: { n }, options: { unique: { key: `key-${n}` } } }))
    const [a, b] = await Promise.all(tabs.map((tab) => tab.addBulk(entries)))

    // Both tabs got the one job of each key, whoever stored it.
    expect(a!.map((job) => job.id)).toEqual(b!.map((job) => job.id))
    const stored = await tabs[0]!.list({ limit: 1000 })
    expect(stored).toHaveLength(300)
    expect(new Set(stored.map((job) => job.uniqueKey)).size).toBe(300)
  })
})
