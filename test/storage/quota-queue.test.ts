// A queue whose storage runs out of quota: `add` rejects with StorageError (the quota error as
// its cause), the queue emits `error`, nothing is stored, and jobs that fit still run.
import { createQueue, indexedDBStorage, StorageError } from 'docket'
import { expect, it } from 'vitest'
import { idbFactory, uniqueName } from '../support/env'
import { quotaFactory } from './quota-factory'

it('rejects an add that does not fit with StorageError, emits `error` and stores nothing', async () => {
  const env = await idbFactory()
  const storage = indexedDBStorage({ name: uniqueName('quota-queue'), indexedDB: quotaFactory(env.indexedDB, 10_000), IDBKeyRange: env.IDBKeyRange })
  const queue = createQueue({ storage, handlers: { echo: (data: unknown) => data } })
  const errors: Error[] = []
  queue.on('error', ({ error }) => errors.push(error))

  const add = queue.addBulk([{ name: 'echo', data: 'small' }, { name: 'echo', data: 'x'.repeat(20_000) }])
  const error: unknown = await add.catch((e: unknown) => e)

  expect(error).toBeInstanceOf(StorageError)
  expect((error as Error).cause).toMatchObject({ name: 'QuotaExceededError' })
  expect(errors).toEqual([error])
  expect(await queue.counts()).toMatchObject({ waiting: 0, active: 0, completed: 0 })
  const fits = await queue.add('echo', 'fits')
  expect(await fits.waitForResult()).toBe('fits')
  await queue.close()
})
