// Where the runtime has no IndexedDB (Node, some edge runtimes), an outbox without `storage`
// says how to give it one, as createQueue does; with memoryStorage() it works.
import { memoryStorage, StorageError } from 'docket'
import { createOutbox } from 'docket/outbox'
import { expect, it } from 'vitest'

it('no IndexedDB and no storage: a StorageError naming memoryStorage() and indexedDBStorage({ indexedDB })', async () => {
  expect('indexedDB' in globalThis).toBe(false)
  expect(() => createOutbox()).toThrow(StorageError)
  expect(() => createOutbox()).toThrow('pass `storage: memoryStorage()`, or `storage: indexedDBStorage({ indexedDB })`')
  const outbox = createOutbox({ storage: memoryStorage(), autostart: false })
  expect(await outbox.pending()).toEqual([])
  await outbox.close()
})
