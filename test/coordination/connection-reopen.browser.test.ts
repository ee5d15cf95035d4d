import { createQueue, indexedDBStorage } from 'docket'
import { expect, it } from 'vitest'
import { uniqueName } from '../support/env'

const handlers = {
  async double(data: { n: number }) {
    return data.n * 2
  },
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name)
    request.onsuccess = () => resolve()
    request.onerror = () => reject(request.error)
    // Fires only if an open connection ignores its versionchange.
    request.onblocked = () => reject(new Error(`Deleting ${name} was blocked by an open connection`))
  })
}

it("gives way to another tab's versionchange and reopens on its next call", async () => {
  const name = uniqueName('reopen')
  const queue = createQueue({ handlers, storage: indexedDBStorage({ name }) })
  try {
    const first = await queue.add('double', { n: 1 })
    expect(await first.waitForResult()).toBe(2)
    await queue.whenIdle()

    await deleteDatabase(name)
    // A fresh database, opened again by the next call.
    expect(await queue.get(first.id)).toBeUndefined()
    const second = await queue.add('double', { n: 2 })
    expect(await second.waitForResult()).toBe(4)
    expect(await queue.counts()).toMatchObject({ completed: 1 })
  } finally {
    await queue.close()
  }
})
